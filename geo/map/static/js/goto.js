/* @requires dom.js free-view.js i18n.js map-state.js panel-part.js */
/* L.Control.AtlasGoTo (L.control.atlasGoTo): the "Go to" list, which fits the place chosen into
   the part of the map that nothing covers (on a phone, folding the sheet away first). */
(function (atlas) {
  "use strict";

  const { el } = atlas.dom;
  const { t } = atlas.i18n;

  L.Control.AtlasGoTo = L.Control.AtlasPanelPart.extend({
    /* places: [{name, bounds: [[south, west], [north, east]]}] */
    initialize(places, options) {
      L.setOptions(this, options);
      this._places = places;
    },

    onAdd() {
      const node = el("label", "gba-goto-box");
      node.appendChild(el("span", "gba-goto-label", t("map.goto")));
      this._select = node.appendChild(el("select", "gba-goto"));
      this._select.appendChild(el("option", null, t("map.goto.choose")));
      this._places.forEach((place, index) => {
        const option = this._select.appendChild(el("option", null, place.name));
        option.value = String(index);
      });
      L.DomEvent.on(this._select, "change", this._go, this);
      return node;
    },

    onRemove() {
      L.DomEvent.off(this._select, "change", this._go, this);
    },

    _go() {
      const place = this._places[Number(this._select.value)];
      if (!place) return;
      const panel = atlas.stateOf(this._map).panel;
      if (panel && atlas.dom.narrow()) panel.close();
      atlas.fitFree(this._map, place.bounds);
    },
  });

  L.control.atlasGoTo = (places, options) => new L.Control.AtlasGoTo(places, options);
})(window.gbaAtlas = window.gbaAtlas || {});
