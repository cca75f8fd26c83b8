/* @requires dom.js free-view.js i18n.js map-state.js */
/* gba-atlas page script: a feature's details (its stated figures, sources, measures and claims).

   On a wide screen they open in a popup kept inside the uncovered part of the map; on a
   phone, in the bottom sheet, the map panned so that the subject stays in sight above it. Opened from the keyboard, focus moves into them; Escape (or
   the close button) closes them and gives focus back to the feature. */
(function (atlas) {
  "use strict";

  /* On a phone, once the sheet has opened over the map: pan the map (zoom kept) so that the
     subject (bounds, else the point at) is in the uncovered part above the sheet, centred there
     when it is not wholly in it already. */
  function keepInSight(map, at, bounds) {
    const box = L.latLngBounds(bounds || [at, at]);
    const a = map.latLngToContainerPoint(box.getNorthWest()), b = map.latLngToContainerPoint(box.getSouthEast());
    const free = atlas.freeRect(map, Math.max(b.x - a.x, 1) / Math.max(b.y - a.y, 1));
    const inside = a.x >= free.left && a.y >= free.top && b.x <= free.right && b.y <= free.bottom;
    if (inside) return;
    const here = a.add(b).divideBy(2), there = L.point((free.left + free.right) / 2, (free.top + free.bottom) / 2);
    map.panBy(here.subtract(there), { animate: true });
  }

  /* Open details: content is a DOM node; at is where on the map; from is the element to refocus;
     bounds (optional) the subject's, kept in sight on a phone. */
  atlas.openDetails = function (map, content, at, from, bounds) {
    const panel = atlas.stateOf(map).panel;
    if (atlas.dom.narrow() && panel) {
      panel.showDetails(content, from);
      keepInSight(map, at, bounds);
      return;
    }
    const size = map.getSize(), pad = atlas.freePadding(map);
    const free = size.subtract(pad.paddingTopLeft).subtract(pad.paddingBottomRight);
    const popup = L.popup({
      maxWidth: Math.max(200, Math.min(380, free.x - 40)),
      maxHeight: Math.max(160, free.y - 60),
      autoPanPaddingTopLeft: pad.paddingTopLeft,
      autoPanPaddingBottomRight: pad.paddingBottomRight,
    }).setLatLng(at).setContent(content);
    if (from) {
      /* the popup is closing: focus in it (or lost) goes back to the feature; focus elsewhere stays */
      popup.on("remove", () => {
        const focus = document.activeElement, box = popup.getElement();
        if (!focus || focus === document.body || (box && box.contains(focus))) from.focus();
      });
    }
    popup.openOn(map);
    const close = popup.getElement() && popup.getElement().querySelector(".leaflet-popup-close-button");
    if (close) {
      close.setAttribute("aria-label", atlas.i18n.t("map.details.close"));
      close.title = atlas.i18n.t("map.details.close");
    }
    if (from) {
      content.tabIndex = -1;
      content.focus();
    }
  };

  /* L.AtlasCloseOnEscape (L.atlasCloseOnEscape): the key (Escape) closes the map's details,
     wherever the focus is. Added to a map it listens to the document's keys; removed, it stops. */
  L.AtlasCloseOnEscape = L.Class.extend({
    options: { key: "Escape" },

    initialize(options) {
      L.setOptions(this, options);
      this._map = null;
      this._onKey = this._onKey.bind(this);
    },

    addTo(map) {
      this.remove();
      this._map = map;
      document.addEventListener("keydown", this._onKey);
      return this;
    },

    remove() {
      if (!this._map) return this;
      document.removeEventListener("keydown", this._onKey);
      this._map = null;
      return this;
    },

    _onKey(event) {
      if (event.key !== this.options.key) return;
      const panel = atlas.stateOf(this._map).panel;
      if (panel && panel.detailsOpen()) panel.closeDetails();
      else this._map.closePopup();
    },
  });

  L.atlasCloseOnEscape = (options) => new L.AtlasCloseOnEscape(options);
})(window.gbaAtlas = window.gbaAtlas || {});
