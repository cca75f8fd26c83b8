/* @requires dom.js i18n.js */
/* gba-atlas page script: the checks in the panel, folded at first: a table of the stated
   areas against the polygons, and one of the claims. The tables are the text alternative
   of the whole map. */
(function (atlas) {
  "use strict";

  const { el, table } = atlas.dom;
  const { t } = atlas.i18n;

  /* spec: {title, area_header, areas, claim_header, claims}, rows as {cells, ok}, in one language;
     each table's columns sized to fit the panel (atlas.css) */
  atlas.checksSection = function (spec) {
    const node = el("details", "gba-panel");
    node.appendChild(el("summary", null, spec.title));
    node.appendChild(table(spec.area_header, spec.areas, t("map.checks.areas"))).classList.add("gba-table-areas");
    node.appendChild(table(spec.claim_header, spec.claims, t("map.panel.claims"))).classList.add("gba-table-claims");
    return node;
  };
})(window.gbaAtlas = window.gbaAtlas || {});
