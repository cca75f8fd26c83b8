/* @requires dom.js i18n.js map-state.js details.js bulk-geometry.js */
/* L.AtlasBulkLayer: thousands of polygons on one canvas, with one Leaflet layer in all.

   Vertices are projected once (atlas.bulkGeometry); each redraw only scales and shifts
   them. Hover and click are hit-tested on a grid of feature boxes, and the canvas lets
   pointer events through, so the vector layers below stay usable. The feature under the
   pointer gets a tooltip, and on click a popup, built only then.

   L.atlasBulkLayer(data, { color: "#D55E00", weight: 2 }).addTo(map);
   data: {layer, ids, names, area_ha, parts, rings, counts, coords}, as geo/map/bulk.py makes it
   (coords: an array of numbers, or base64 text of varints; see bulk-geometry.js). */
(function (atlas) {
  "use strict";

  const WORLD = 2 * Math.PI * 6378137;  // the width of spherical Web Mercator's world, in metres
  const { card } = atlas.dom;
  const { numbers, decode, index, featureAt } = atlas.bulkGeometry;

  const sum = (values) => values.reduce((total, n) => total + n, 0);
  const isArray = (value, length) => Array.isArray(value) && value.length === length;
  const isFraction = (value) => typeof value === "number" && value >= 0 && value <= 1;
  const isCount = (value) => Number.isInteger(value) && value >= 1;

  function fail(message) {
    throw new Error("L.atlasBulkLayer: " + message);
  }

  function checkData(data) {
    if (!data || typeof data !== "object") fail("data must be an object");
    if (!Array.isArray(data.parts)) fail("data.parts must be an array of one polygon count per feature");
    ["ids", "names", "area_ha"].forEach((key) => {
      if (!isArray(data[key], data.parts.length)) {
        fail("data." + key + " must be an array of one entry per feature");
      }
    });
    if (!isArray(data.rings, sum(data.parts))) fail("data.rings must have one count per polygon");
    if (!isArray(data.counts, sum(data.rings))) fail("data.counts must have one count per ring");
    const coords = numbers(data.coords);
    if (!coords) fail("data.coords must be an array of numbers or base64 text of varints");
    if (coords.length !== 2 * sum(data.counts)) fail("data.coords must have two numbers per vertex");
    return coords;
  }

  function checkOptions(options) {
    if (typeof options.color !== "string" || !options.color) fail("color must be a CSS colour");
    ["opacity", "fillOpacity", "hoverFillOpacity"].forEach((key) => {
      if (!isFraction(options[key])) fail(key + " must be a number from 0 to 1");
    });
    if (!(typeof options.weight === "number" && options.weight >= 0)) fail("weight must be a number >= 0");
    ["gridSize", "batchSize"].forEach((key) => {
      if (!isCount(options[key])) fail(key + " must be a whole number >= 1");
    });
  }

  L.AtlasBulkLayer = L.Layer.extend({
    options: {
      pane: "overlayPane",
      color: "#3388ff",
      weight: 1,
      opacity: 1,
      fillColor: null,  // null: the stroke colour
      fillOpacity: 0.25,
      hoverFillOpacity: 0.45,  // the feature under the pointer, outlined 2 px thicker and opaque
      gridSize: 64,  // cells per side of the hit-test grid
      batchSize: 200,  // shapes per canvas path (one path of a million vertices rasterises very slowly)
      tooltipClassName: "gba-bulk-tip",
    },

    initialize(data, options) {
      L.setOptions(this, options);
      checkOptions(this.options);
      const coords = checkData(data);
      this._data = decode(data, coords);
      this._spec = { ...data, coords: null };  // the encoded coordinates are not needed again
      this._grid = index(this._data, this.options.gridSize);
      this._hovered = -1;
    },

    getBounds() {
      const g = this._grid.box;
      const unproject = (pu, pv) =>
        L.Projection.SphericalMercator.unproject(L.point((pu - 0.5) * WORLD, (0.5 - pv) * WORLD));
      return L.latLngBounds(unproject(g[0], g[3]), unproject(g[2], g[1]));
    },

    /* Leaflet adds these map listeners with the layer and removes them with it. */
    getEvents() {
      return {
        moveend: this._schedule,
        zoomend: this._schedule,
        resize: this._schedule,
        viewreset: this._schedule,
        mousemove: this._onMove,
        preclick: this._onClick,
      };
    },

    onAdd() {
      this._canvas = L.DomUtil.create("canvas", "gba-bulk");
      this._canvas.style.pointerEvents = "none";
      this._canvas.style.position = "absolute";
      this.getPane().appendChild(this._canvas);
      this._tooltip = L.tooltip({ sticky: true, direction: "top", className: this.options.tooltipClassName });
      this._redraw();
    },

    onRemove() {
      this._setHovered(-1);
      if (this._frame) L.Util.cancelAnimFrame(this._frame);
      this._frame = null;
      L.DomUtil.remove(this._canvas);
    },

    /* at most one redraw per frame, however many map events arrive */
    _schedule() {
      if (this._frame) return;
      this._frame = L.Util.requestAnimFrame(function () {
        this._frame = null;
        if (this._map) this._redraw();
      }, this);
    },

    /* The view in the unit square: [scale, x offset, y offset] of canvas pixels. */
    _view() {
      const map = this._map, topLeft = map.containerPointToLayerPoint([0, 0]), origin = map.getPixelOrigin();
      return [256 * Math.pow(2, map.getZoom()), origin.x + topLeft.x, origin.y + topLeft.y];
    },

    _redraw() {
      const map = this._map, size = map.getSize(), canvas = this._canvas, options = this.options;
      const ratio = window.devicePixelRatio || 1;
      canvas.width = size.x * ratio;
      canvas.height = size.y * ratio;
      canvas.style.width = size.x + "px";
      canvas.style.height = size.y + "px";
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      const [scale, ox, oy] = this._view();
      const ctx = canvas.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      const view = [ox / scale, oy / scale, (ox + size.x) / scale, (oy + size.y) / scale];
      /* Shapes under two pixels across are drawn as one-pixel dots; the rest are traced in batches. */
      const dots = [];
      let batch = 0;
      ctx.beginPath();
      this._data.features.forEach((f) => {
        if (f.box[2] < view[0] || f.box[0] > view[2] || f.box[3] < view[1] || f.box[1] > view[3]) return;
        if ((f.box[2] - f.box[0]) * scale < 2 && (f.box[3] - f.box[1]) * scale < 2) {
          dots.push(f.box[0] * scale - ox, f.box[1] * scale - oy);
          return;
        }
        this._trace(ctx, f, scale, ox, oy);
        if (++batch % options.batchSize === 0) {
          this._paint(ctx, options.fillOpacity, options.weight, options.opacity);
          ctx.beginPath();
        }
      });
      this._paint(ctx, options.fillOpacity, options.weight, options.opacity);
      ctx.fillStyle = options.color;
      for (let i = 0; i < dots.length; i += 2) ctx.fillRect(dots[i], dots[i + 1], 1.5, 1.5);
      if (this._hovered >= 0) this._highlight();
      if (!this._drawn) {  // for timing: the first frame of each bulk layer, as a performance mark
        this._drawn = true;
        if (window.performance && performance.mark) performance.mark("gba-bulk-drawn");
      }
    },

    _trace(ctx, feature, scale, ox, oy) {
      const u = this._data.u, v = this._data.v;
      feature.rings.forEach((ring) => {
        for (let a = ring[0], end = ring[0] + ring[1]; a < end; a++) {
          const px = u[a] * scale - ox, py = v[a] * scale - oy;
          if (a === ring[0]) ctx.moveTo(px, py); else ctx.lineTo(px, py);
        }
        ctx.closePath();
      });
    },

    _paint(ctx, fillOpacity, weight, opacity) {
      const options = this.options;
      ctx.fillStyle = options.fillColor || options.color;
      ctx.globalAlpha = fillOpacity;
      ctx.fill("evenodd");
      ctx.globalAlpha = opacity;
      ctx.strokeStyle = options.color;
      ctx.lineWidth = weight;
      ctx.stroke();
      ctx.globalAlpha = 1;
    },

    _highlight() {
      const ctx = this._canvas.getContext("2d"), [scale, ox, oy] = this._view();
      ctx.beginPath();
      this._trace(ctx, this._data.features[this._hovered], scale, ox, oy);
      this._paint(ctx, this.options.hoverFillOpacity, this.options.weight + 2, 1);
    },

    _featureAt(latlng) {
      const m = L.Projection.SphericalMercator.project(latlng);
      return featureAt(this._data, this._grid, m.x / WORLD + 0.5, 0.5 - m.y / WORLD);
    },

    /* What the tooltip and popup say about a feature: its name, area, id and layer. */
    _describe(i) {
      const spec = this._spec;
      const items = [
        { text: spec.area_ha[i].toLocaleString("en", { maximumFractionDigits: 2 }) + " ha" },
        { text: atlas.i18n.t("map.bulk.id", { id: spec.ids[i] }) },
        { text: atlas.i18n.t("map.bulk.layer", { layer: spec.layer }) },
      ];
      return { title: spec.names[i], sections: [{ items }] };
    },

    _setHovered(i) {
      if (i === this._hovered) return;
      this._hovered = i;
      const map = this._map, container = map.getContainer();
      if (i < 0) {
        map.closeTooltip(this._tooltip);
        L.DomUtil.removeClass(container, "gba-bulk-hover");
      } else {
        this._tooltip.setContent(card(this._describe(i), "gba-tooltip"));
        L.DomUtil.addClass(container, "gba-bulk-hover");
      }
      this._schedule();
    },

    _onMove(e) {
      this._setHovered(this._featureAt(e.latlng));
      if (this._hovered >= 0) this._map.openTooltip(this._tooltip.setLatLng(e.latlng));
    },

    _onClick(e) {
      const i = this._featureAt(e.latlng);
      if (i < 0) return;
      /* Leaflet's preclick carries a copy of the event: tell the areas below through the map's state */
      const state = atlas.stateOf(this._map);
      state.clickAnswered = true;
      setTimeout(() => { state.clickAnswered = false; }, 0);
      atlas.openDetails(this._map, card(this._describe(i), "gba-popup"), e.latlng);
    },
  });

  L.atlasBulkLayer = (data, options) => new L.AtlasBulkLayer(data, options);
})(window.gbaAtlas = window.gbaAtlas || {});
