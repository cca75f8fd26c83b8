/* gba-atlas page script: the legend, a colour swatch (or line) before each name. */
(function (atlas) {
  "use strict";

  const { el } = atlas.dom;

  /* entries: [{name, colour, line}] */
  atlas.addLegend = function (map, entries) {
    L.control.atlasBox(() => {
      const node = el("div", "gba-legend gba-box");
      entries.forEach((entry) => {
        const row = el("div", "gba-legend-row");
        const swatch = el("span", "gba-swatch" + (entry.line ? " gba-swatch-line" : ""));
        swatch.style.background = entry.colour;
        row.appendChild(swatch);
        row.appendChild(document.createTextNode(entry.name));
        node.appendChild(row);
      });
      return node;
    }, { position: "bottomleft" }).addTo(map);
  };
})(window.gbaAtlas = window.gbaAtlas || {});
