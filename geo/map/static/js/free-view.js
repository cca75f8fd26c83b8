/* gba-atlas page script: the part of the map that nothing covers, and fitting places into it.

   The story panel (beside the map, or a bottom sheet on phones) and the map tools cover
   parts of the map; a place chosen in "Go to", and the first view, are fitted into the
   rest, so that none of it lies under them. */
(function (atlas) {
  "use strict";

  const MARGIN = 12;

  function visibleRect(node) {
    const r = node.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? r : null;
  }

  /* How far the panel reaches into the map box, from the left or from the bottom. */
  function panelInsets(map, box) {
    const panel = atlas.stateOf(map).panel;
    const r = panel && visibleRect(panel.node);
    if (!r) return { left: 0, bottom: 0 };
    const sheet = r.width > box.width * 0.8;
    return sheet ? { left: 0, bottom: Math.max(0, box.bottom - r.top) }
      : { left: Math.max(0, r.right - box.left), bottom: 0 };
  }

  /* How far the map tools reach in from the right, from the left (on phones), and from the bottom. */
  function toolInsets(map, box) {
    let right = 0, bottom = 0, left = 0;
    const container = map.getContainer();
    container.querySelectorAll(".leaflet-top.leaflet-left > .leaflet-control").forEach((control) => {
      const r = visibleRect(control);
      if (r) left = Math.max(left, r.right - box.left);
    });
    /* the attribution is a line at the very bottom: the fit's margin keeps clear of it */
    container.querySelectorAll(".leaflet-right > .leaflet-control:not(.leaflet-control-attribution)")
      .forEach((control) => {
      const r = visibleRect(control);
        if (r) right = Math.max(right, box.right - r.left);
      });
    container.querySelectorAll(".leaflet-bottom.leaflet-left > .leaflet-control").forEach((control) => {
      const r = visibleRect(control);
      if (r) bottom = Math.max(bottom, box.bottom - r.top);
    });
    return { right, bottom, left };
  }

  /* Leaflet's fit padding for the map's uncovered part: {paddingTopLeft, paddingBottomRight}. */
  atlas.freePadding = function (map) {
    const box = map.getContainer().getBoundingClientRect();
    const panel = panelInsets(map, box), tools = toolInsets(map, box);
    return {
      paddingTopLeft: L.point(Math.max(panel.left, tools.left) + MARGIN, MARGIN),
      paddingBottomRight: L.point(tools.right + MARGIN, Math.max(panel.bottom, tools.bottom) + MARGIN),
    };
  };

  /* Fit bounds ([[south, west], [north, east]]) into the uncovered part of the map. */
  atlas.fitFree = function (map, bounds, options) {
    map.fitBounds(bounds, Object.assign(atlas.freePadding(map), options || {}));
  };

  /* The first view: the story's subject, framed in the uncovered part, without animation;
     unless a link gave the view (atlas.keepInUrl, which runs before). */
  atlas.openOn = function (map, bounds) {
    if (atlas.stateOf(map).viewFromUrl) return;
    atlas.fitFree(map, bounds, { animate: false });
  };
})(window.gbaAtlas = window.gbaAtlas || {});
