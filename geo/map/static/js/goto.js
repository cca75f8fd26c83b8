/* @requires dom.js free-view.js i18n.js map-state.js */
/* gba-atlas page script: the "Go to" list, which fits the place chosen into the part of the
   map that nothing covers (on a phone, folding the sheet away first). */
(function (atlas) {
  "use strict";

  const { el } = atlas.dom;
  const { t } = atlas.i18n;

  /* places: [{name, bounds: [[south, west], [north, east]]}] */
  atlas.goToList = function (map, places) {
    const node = el("label", "gba-goto-box");
    node.appendChild(el("span", "gba-goto-label", t("map.goto")));
    const select = node.appendChild(el("select", "gba-goto"));
    select.appendChild(el("option", null, t("map.goto.choose")));
    places.forEach((place, index) => {
      const option = select.appendChild(el("option", null, place.name));
      option.value = String(index);
    });
    select.addEventListener("change", () => {
      const place = places[Number(select.value)];
      if (!place) return;
      const panel = atlas.stateOf(map).panel;
      if (panel && atlas.dom.narrow()) panel.close();
      atlas.fitFree(map, place.bounds);
    });
    return node;
  };
})(window.gbaAtlas = window.gbaAtlas || {});
