/* @requires feature-layer.js free-view.js map-state.js */
/* gba-atlas page script: the names on the map — the features' and the plain base map's cities'
   — placed in one pass, so that no two meet, none is cut by the map's edge or lies under the
   panel, a tool or a note, and a small area's name goes beside it rather than over it.

   The story's features (those the first view frames) are placed first, then smaller areas
   before larger ones, lines after areas, and the cities last; a name with no free place is
   hidden until there is room. Each feature's name shows from its zoom on while its overlay
   is on the map. Switched on per map, for that map's names only. */
(function (atlas) {
  "use strict";

  const HIDDEN = "gba-label-hidden";
  const GAP = 3;  // pixels between a name put beside an area and the area
  /* A name covering more than this share of its area's box goes beside the area instead. */
  const MAX_COVER = 0.25;

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  const shifted = (box, x, y) => ({ left: box.left + x, right: box.right + x, top: box.top + y, bottom: box.bottom + y });

  /* Where a name may go, as [dx, dy] in its own widths and heights: on its point, or beside it. */
  const AROUND = [[0, 0], [0, -1.1], [0, 1.1], [0.6, 0], [-0.6, 0], [0.6, -1.1], [-0.6, -1.1], [0.6, 1.1],
    [-0.6, 1.1]];

  /* The page box of a feature's shape, or null for a line (its name goes on it). */
  function areaBox(map, feature, origin) {
    if (!feature.stackSize()) return null;
    const b = feature.getBounds();
    const a = map.latLngToContainerPoint(b.getNorthWest()), c = map.latLngToContainerPoint(b.getSouthEast());
    return { left: origin.left + a.x, top: origin.top + a.y, right: origin.left + c.x, bottom: origin.top + c.y };
  }

  /* Shifts [x, y] in pixels that a feature's name may take: on its point and around it when its
     area is large enough to carry it and no peer is under it; then beside the area's box (above,
     below, right, left), where it covers neither the area nor a peer (touches). */
  function featureMoves(map, feature, box, origin) {
    const area = areaBox(map, feature, origin);
    const w = box.right - box.left, h = box.bottom - box.top;
    const around = AROUND.map(([dx, dy]) => [dx * w, dy * h]);
    if (!area) return around;
    const peers = Array.from(atlas.stateOf(map).features).filter((f) => f !== feature && f.stackSize() &&
      f.stackSize() <= 10 * feature.stackSize());
    const clear = (covered) => ([x, y]) => covered.every((f) => !touches(map, f, shifted(box, x, y), origin));
    const areaSize = Math.max(1, (area.right - area.left) * (area.bottom - area.top));
    const on = (w * h) / areaSize <= MAX_COVER ? around.filter(clear(peers)) : [];
    return on.concat(besideMoves(area, box, w, h).filter(clear([feature, ...peers])));
  }

  function besideMoves(area, box, w, h) {
    const cx = (area.left + area.right) / 2 - w / 2 - box.left, cy = (area.top + area.bottom) / 2 - h / 2 - box.top;
    const above = area.top - GAP - h - box.top, below = area.bottom + GAP - box.top;
    const right = area.right + GAP - box.left, left = area.left - GAP - w - box.left;
    return [[cx, above], [cx, below], [right, cy], [left, cy], [right, above], [left, above], [right, below],
      [left, below]];
  }

  /* Whether a page point lies inside a feature's drawn shape (even-odd over its rings as drawn). */
  function inside(map, feature, x, y, origin) {
    const p = map.containerPointToLayerPoint([x - origin.left, y - origin.top]);
    let hit = false;
    feature.eachLayer((path) => {
      /* the rings as drawn, in layer pixels, clipped: Leaflet 1.9.3 keeps them in the private _parts (no API) */
      (path._parts || []).forEach((ring) => {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          if ((ring[i].y > p.y) !== (ring[j].y > p.y) &&
              p.x < (ring[j].x - ring[i].x) * (p.y - ring[i].y) / (ring[j].y - ring[i].y) + ring[i].x) {
            hit = !hit;
          }
        }
      });
    });
    return hit;
  }

  /* Whether a name's box covers some of a feature's shape (3 × 3 points of the box). A name
     covers neither its area's peers (areas at most ten times its size: the other park, not the
     district around both) nor, put beside it, its own area. */
  function touches(map, feature, box, origin) {
    const xs = [box.left + 1, (box.left + box.right) / 2, box.right - 1];
    const ys = [box.top + 1, (box.top + box.bottom) / 2, box.bottom - 1];
    return xs.some((x) => ys.some((y) => inside(map, feature, x, y, origin)));
  }

  /* Whether a box is wholly on the map and clear of what covers it. */
  function free(box, view) {
    return box.left >= view.left && box.right <= view.right && box.top >= view.top && box.bottom <= view.bottom &&
      !view.covers.some((cover) => overlaps(box, cover));
  }

  /* Put a name at the first of its moves that is free and meets no name placed before; else hide it. */
  function place(node, moves, placed, view) {
    for (const [x, y] of moves) {
      const moved = shifted(node.getBoundingClientRect(), x, y);
      if (free(moved, view) && !placed.some((other) => overlaps(moved, other))) {
        node.style.marginLeft = x ? x + "px" : "";
        node.style.marginTop = y ? y + "px" : "";
        placed.push(moved);
        return;
      }
    }
    node.classList.add(HIDDEN);
  }

  /* The map's box and what covers it, in page pixels. */
  function viewOf(map) {
    const box = map.getContainer().getBoundingClientRect(), covered = atlas.coveredBoxes(map);
    return {
      left: box.left, top: box.top, right: box.right, bottom: box.bottom,
      covers: covered.map((c) => shifted(c, box.left, box.top)),
    };
  }

  /* Story features first (their name's point in the first view's bounds), then smaller areas,
     lines (size 0) after all areas, then in the order they were made. */
  function priority(state) {
    const story = state.opening ? L.latLngBounds(state.opening) : null;
    const rank = (f) => (story && story.contains(f.labelPoint()) ? 0 : 1);
    return (a, b) => rank(a) - rank(b) || (a.stackSize() || Infinity) - (b.stackSize() || Infinity) ||
      L.stamp(a) - L.stamp(b);
  }

  function declutter(map) {
    const state = atlas.stateOf(map), view = viewOf(map), placed = [];
    const features = Array.from(state.features).sort(priority(state)).filter((f) => f.labelElement());
    const cities = state.plain && map.hasLayer(state.plain) ? state.plain.labelNodes() : [];
    /* every name back on its point first: the moves are measured from there */
    features.forEach((f) => {
      const node = f.labelElement();
      node.classList.remove(HIDDEN);
      node.style.marginLeft = node.style.marginTop = "";
    });
    cities.forEach((node) => node.classList.remove(HIDDEN));
    const origin = map.getContainer().getBoundingClientRect();
    features.forEach((feature) => {
      const node = feature.labelElement();
      place(node, featureMoves(map, feature, node.getBoundingClientRect(), origin), placed, view);
    });
    /* a city's name stays beside its dot (the marker's margins anchor it): shown or hidden */
    cities.forEach((node) => {
      const box = node.getBoundingClientRect();
      if (free(box, view) && !placed.some((other) => overlaps(box, other))) placed.push(box);
      else node.classList.add(HIDDEN);
    });
  }

  const MOVES = "zoomend moveend resize";
  const COVERS = "gbalanguage gbacovered";

  /* L.AtlasLabels (L.atlasLabels, atlas.watchLabels): keeps the features' names placed. Zooming
     shows or hides names; moving brings names to the edges; a feature or the plain map put on
     the map or taken off makes room or takes it; a note or the panel covers. */
  L.AtlasLabels = L.Class.extend({
    options: {
      wait: 50,  // ms: the least time between two placements after a cover or a layer changed
      again: 300,  // ms after a placement: placed once more, for what moves names late (see _update)
    },

    initialize(options) {
      L.setOptions(this, options);
      this._later = L.Util.throttle(this._update, this.options.wait, this);
      this._again = null;
    },

    addTo(map) {
      this.remove();
      this._map = map;
      atlas.stateOf(map).labels = true;
      map.on(MOVES, this._update, this);
      map.on(COVERS, this._later, this);
      map.on("layeradd layerremove", this._onLayer, this);
      this._update();
      return this;
    },

    remove() {
      const map = this._map;
      if (!map) return this;
      map.off(MOVES, this._update, this);
      map.off(COVERS, this._later, this);
      map.off("layeradd layerremove", this._onLayer, this);
      clearTimeout(this._again);
      const state = atlas.stateOf(map);
      state.labels = false;
      state.features.forEach((feature) => feature.updateLabel());  // the names go
      this._map = null;
      return this;
    },

    /* Place the names, and once more a moment later: a name taken off stays in the page while
       Leaflet fades it out (200 ms), and in a busy browser a name was seen meeting a city's after
       a Go to with no event left to place them again. The same layout places them the same way. */
    _update() {
      if (!this._map) return;
      atlas.stateOf(this._map).features.forEach((feature) => feature.updateLabel());
      declutter(this._map);
      clearTimeout(this._again);
      this._again = setTimeout(() => this._map && declutter(this._map), this.options.again);
    },

    _onLayer(event) {
      if (event.layer instanceof L.AtlasFeatureLayer || (L.AtlasPlain && event.layer instanceof L.AtlasPlain)) {
        this._later();
      }
    },
  });

  L.atlasLabels = (options) => new L.AtlasLabels(options);

  atlas.watchLabels = function (map) {
    return L.atlasLabels().addTo(map);
  };
})(window.gbaAtlas = window.gbaAtlas || {});
