/* gba-atlas page script: the features' names on the map, each shown from its zoom on while
   its overlay is on the map, and never two on top of each other: where names would overlap,
   the smaller feature's name stays and the other is hidden until there is room.
   Switched on per map, for that map's features only. */
(function (atlas) {
  "use strict";

  const HIDDEN = "gba-label-hidden";

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  /* Smaller areas first, lines (size 0) after all areas, then in the order they were made. */
  function priority(a, b) {
    const sa = a.stackSize() || Infinity, sb = b.stackSize() || Infinity;
    return sa - sb || L.stamp(a) - L.stamp(b);
  }

  /* Where a name may go, as [dx, dy] in its own widths and heights: on its point, or beside it. */
  const PLACES = [[0, 0], [0, -1.1], [0, 1.1], [0.6, 0], [-0.6, 0], [0.6, -1.1], [-0.6, -1.1], [0.6, 1.1],
    [-0.6, 1.1]];

  /* Put the name at the first place where it meets no name placed before; hide it if there is none. */
  function place(node, placed) {
    node.classList.remove(HIDDEN);
    node.style.marginLeft = node.style.marginTop = "";
    const box = node.getBoundingClientRect();
    for (const [dx, dy] of PLACES) {
      const x = dx * box.width, y = dy * box.height;
      const moved = { left: box.left + x, right: box.right + x, top: box.top + y, bottom: box.bottom + y };
      if (!placed.some((other) => overlaps(moved, other))) {
        node.style.marginLeft = x ? x + "px" : "";
        node.style.marginTop = y ? y + "px" : "";
        placed.push(moved);
        return;
      }
    }
    node.classList.add(HIDDEN);
  }

  function declutter(state) {
    const placed = [];
    Array.from(state.features).sort(priority).forEach((feature) => {
      const node = feature.labelElement();
      if (node) place(node, placed);
    });
  }

  atlas.watchLabels = function (map) {
    const state = atlas.stateOf(map);
    const update = () => {
      state.features.forEach((feature) => feature.updateLabel());
      declutter(state);
    };
    state.labels = true;
    /* zooming shows or hides names; a feature put on the map or taken off makes room or takes it */
    const later = L.Util.throttle(update, 50);
    map.on("zoomend", update);
    map.on("gbalanguage", later);
    map.on("layeradd layerremove", (event) => {
      if (event.layer instanceof L.AtlasFeatureLayer) later();
    });
    update();
  };
})(window.gbaAtlas = window.gbaAtlas || {});
