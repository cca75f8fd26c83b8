/* @requires dom.js i18n.js */
/* gba-atlas page script: the layers in the panel, the map's key and its switches in one list.

   Each row is a checkbox with the feature's colour swatch (a line for lines, a dashed box for
   an outline) and its name, under its layer's heading; unticking takes its overlay off the
   map. A bulk layer's row also says how many features it has and lists their names (the
   text alternative of its canvas), or says there are too many to list. */
(function (atlas) {
  "use strict";

  const { el } = atlas.dom;
  const { t } = atlas.i18n;

  function swatch(entry) {
    const kind = entry.outline ? " gba-swatch-outline" : entry.line ? " gba-swatch-line" : "";
    const node = el("span", "gba-swatch" + kind);
    node.setAttribute("aria-hidden", "true");
    if (!entry.outline) node.style.background = entry.colour;
    return node;
  }

  function bulkList(bulk) {
    const count = t("map.bulk.count", { count: bulk.count.toLocaleString("en") });
    if (!bulk.names.length) {
      return el("p", "gba-bulk-count", t("map.bulk.too_many", { count: bulk.count.toLocaleString("en") }));
    }
    const node = el("details", "gba-bulk-list");
    node.appendChild(el("summary", null, count));
    const list = node.appendChild(el("ul"));
    bulk.names.forEach((name) => list.appendChild(el("li", null, name)));
    return node;
  }

  function row(map, entry, overlay) {
    const li = el("li", "gba-layer");
    const label = li.appendChild(el("label", "gba-layer-row"));
    const box = label.appendChild(el("input"));
    box.type = "checkbox";
    box.checked = map.hasLayer(overlay);
    /* the events Leaflet's layer control fires: the stacking by size listens to them */
    box.addEventListener("change", () => {
      if (box.checked) map.addLayer(overlay); else map.removeLayer(overlay);
      map.fire(box.checked ? "overlayadd" : "overlayremove", { layer: overlay, name: entry.name });
    });
    label.appendChild(swatch(entry));
    label.appendChild(el("span", "gba-layer-name", entry.name));
    if (entry.bulk) li.appendChild(bulkList(entry.bulk));
    return li;
  }

  /* groups: [{name, entries: [{name, colour, line?, outline?, bulk?}]}]; overlays: one per entry, in order. */
  atlas.layerList = function (map, groups, overlays) {
    const node = el("section", "gba-layers");
    node.setAttribute("aria-label", t("map.layers"));
    let index = 0;
    groups.forEach((group) => {
      node.appendChild(el("h2", "gba-group", group.name));
      const list = node.appendChild(el("ul", "gba-layer-list"));
      group.entries.forEach((entry) => list.appendChild(row(map, entry, overlays[index++])));
    });
    return node;
  };
})(window.gbaAtlas = window.gbaAtlas || {});
