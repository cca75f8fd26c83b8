/* @requires map-state.js */
/* gba-atlas page script: the part of the map that nothing covers, and fitting places into it.

   The story panel (beside the map, or a bottom sheet on phones), the map tools and any note
   (the tiles' "could not load") cover parts of the map. A place chosen in "Go to", and the
   first view, are fitted into the largest rectangle that none of them covers — the one
   where the place shows largest — so that none of it lies under them. When a note appears
   later (the tiles failed), the first view is framed again if the reader has not moved. */
(function (atlas) {
  "use strict";

  const MARGIN = 12;

  /* The boxes that cover the map, in its container's pixels: the panel and every control shown. */
  function covers(map) {
    const box = map.getContainer().getBoundingClientRect();
    const nodes = Array.from(map.getContainer().querySelectorAll(".leaflet-control"));
    const panel = atlas.stateOf(map).panel;
    if (panel) nodes.push(panel.node);
    const out = [];
    nodes.forEach((node) => {
      const r = node.getBoundingClientRect();
      if (r.width <= 0 || r.height <= 0 || !node.checkVisibility()) return;
      const left = Math.max(0, r.left - box.left), right = Math.min(box.width, r.right - box.left);
      const top = Math.max(0, r.top - box.top), bottom = Math.min(box.height, r.bottom - box.top);
      if (left < right && top < bottom) out.push({ left, top, right, bottom });
    });
    return { width: box.width, height: box.height, covers: out };
  }

  /* The boxes covering the map ({left, top, right, bottom}, in its container's pixels). */
  atlas.coveredBoxes = (map) => covers(map).covers;

  const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

  /* The uncovered rectangle of the map ({left, top, right, bottom}, container pixels) in which
     something of aspect `aspect` (width / height) shows largest; the larger area breaks ties.
     Its edges are the map's or the covering boxes' (a few dozen boxes at most: tried all). */
  atlas.freeRect = function (map, aspect) {
    const view = covers(map), boxes = view.covers;
    const ratio = aspect > 0 && isFinite(aspect) ? aspect : 1;
    const lefts = [0, ...boxes.map((b) => b.right)], rights = [view.width, ...boxes.map((b) => b.left)];
    const tops = [0, ...boxes.map((b) => b.bottom)], bottoms = [view.height, ...boxes.map((b) => b.top)];
    let best = { left: 0, top: 0, right: view.width, bottom: view.height }, bestScore = -1, bestArea = 0;
    lefts.forEach((left) => rights.forEach((right) => {
      if (right - left <= 2 * MARGIN) return;
      tops.forEach((top) => bottoms.forEach((bottom) => {
        if (bottom - top <= 2 * MARGIN) return;
        const rect = { left, top, right, bottom };
        const w = right - left - 2 * MARGIN, h = bottom - top - 2 * MARGIN;
        const score = Math.min(w / ratio, h), area = w * h;
        if (score < bestScore || (score === bestScore && area <= bestArea)) return;
        if (boxes.some((b) => meets(rect, b))) return;
        best = rect;
        bestScore = score;
        bestArea = area;
      }));
    }));
    return best;
  };

  /* The width / height of bounds on the screen (any zoom: the ratio is the same). */
  function aspectOf(map, bounds) {
    const b = L.latLngBounds(bounds);
    const a = map.project(b.getNorthWest(), 10), c = map.project(b.getSouthEast(), 10);
    return Math.max(c.x - a.x, 1e-6) / Math.max(c.y - a.y, 1e-6);
  }

  /* Leaflet's fit padding for the map's uncovered part: {paddingTopLeft, paddingBottomRight};
     bounds (optional) the place to be fitted, whose shape picks the rectangle. */
  atlas.freePadding = function (map, bounds) {
    const size = map.getSize();
    const rect = atlas.freeRect(map, bounds ? aspectOf(map, bounds) : size.x / size.y);
    return {
      paddingTopLeft: L.point(rect.left + MARGIN, rect.top + MARGIN),
      paddingBottomRight: L.point(size.x - rect.right + MARGIN, size.y - rect.bottom + MARGIN),
    };
  };

  /* Fit bounds ([[south, west], [north, east]]) into the uncovered part of the map. */
  atlas.fitFree = function (map, bounds, options) {
    map.fitBounds(bounds, Object.assign(atlas.freePadding(map, bounds), options || {}));
  };

  const viewKey = (map) => map.getZoom() + "@" + map.getCenter().toString();

  /* The first view: the story's subject, framed in the uncovered part, without animation;
     unless a link gave the view (atlas.keepInUrl, which runs before). The map's "gbacovered"
     event (a note appeared) frames it again, while the view is still the first one. */
  atlas.openOn = function (map, bounds) {
    const state = atlas.stateOf(map);
    state.opening = bounds;
    if (state.viewFromUrl) return;
    atlas.fitFree(map, bounds, { animate: false });
    state.openingView = viewKey(map);
    map.on("gbacovered", () => {
      if (state.openingView !== viewKey(map)) return;
      atlas.fitFree(map, bounds, { animate: false });
      state.openingView = viewKey(map);
    });
  };
})(window.gbaAtlas = window.gbaAtlas || {});
