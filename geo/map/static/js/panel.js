/* gba-atlas page script: the area-check panel, a table of the areas and one of the claims. */
(function (atlas) {
  "use strict";

  const { el, table } = atlas.dom;

  /* spec: {title, area_header, areas, claim_header, claims}, rows as {cells, ok} */
  atlas.addPanel = function (map, spec) {
    L.control.atlasBox(() => {
      const node = el("details", "gba-panel gba-box");
      node.open = true;
      node.appendChild(el("summary", null, spec.title));
      node.appendChild(table(spec.area_header, spec.areas));
      node.appendChild(el("div", "gba-heading", "Claims"));
      node.appendChild(table(spec.claim_header, spec.claims));
      return node;
    }, { position: "bottomright" }).addTo(map);
  };
})(window.gbaAtlas = window.gbaAtlas || {});
