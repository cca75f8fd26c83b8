/* gba-atlas page script: the "Go to…" list, which zooms the map to the place chosen. */
(function (atlas) {
  "use strict";

  const { el } = atlas.dom;

  /* places: [{name, bounds: [[south, west], [north, east]]}] */
  atlas.addGoTo = function (map, places) {
    L.control.atlasBox(() => {
      const select = el("select", "gba-goto");
      select.setAttribute("aria-label", "Go to");
      select.appendChild(el("option", null, "Go to\u2026"));
      places.forEach((place, index) => {
        const option = el("option", null, place.name);
        option.value = String(index);
        select.appendChild(option);
      });
      select.addEventListener("change", () => {
        const place = places[Number(select.value)];
        if (place) map.fitBounds(place.bounds, { padding: [20, 20] });
      });
      const node = el("div", "gba-goto-box gba-box");
      node.appendChild(select);
      return node;
    }, { position: "topleft" }).addTo(map);
  };
})(window.gbaAtlas = window.gbaAtlas || {});
