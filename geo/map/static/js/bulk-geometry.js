/* gba-atlas page script: the geometry behind L.AtlasBulkLayer, without Leaflet.

   A bulk layer's polygons arrive encoded (geo/map/bulk.py): per feature its polygon count
   ("parts"), per polygon its ring count ("rings"), per ring its vertex count ("counts"),
   and one flat sequence of microdegrees ("coords"), each ring's first vertex absolute and the
   rest as differences: an array of numbers, or base64 text of zigzag LEB128 bytes (7 bits a
   byte, the high bit "more follows"; zigzag: 0, -1, 1, -2 ... as 0, 1, 2, 3 ...). They are
   decoded once to Web Mercator's unit square (u right, v down, both in [0, 1]); hit tests
   look in a grid of the features' boxes. */
(function (atlas) {
  "use strict";

  const MAX_LAT = 85.0511287798;  // where spherical Web Mercator stops, as in Leaflet

  /* The coordinates as {length, next()}: next() gives the numbers in order. null: not readable. */
  function numbers(coords) {
    if (Array.isArray(coords)) {
      let k = 0;
      return { length: coords.length, next: () => coords[k++] };
    }
    if (typeof coords !== "string") return null;
    let bytes;
    try {
      bytes = atob(coords);
    } catch {
      return null;  // not base64
    }
    let length = 0;
    for (let i = 0; i < bytes.length; i++) if (bytes.charCodeAt(i) < 128) length++;
    if (bytes.length && bytes.charCodeAt(bytes.length - 1) >= 128) return null;  // cut off mid-number
    let i = 0;
    return {
      length,
      next() {
        let z = 0, scale = 1, b;
        do {
          b = bytes.charCodeAt(i++);
          z += (b & 127) * scale;
          scale *= 128;
        } while (b >= 128);
        return z % 2 ? -(z + 1) / 2 : z / 2;
      },
    };
  }

  /* {u, v, features: [{rings: [[first vertex, vertex count]], box: [u0, v0, u1, v1]}]};
     coords: what numbers(spec.coords) returned. */
  function decode(spec, coords) {
    const u = new Float64Array(coords.length / 2), v = new Float64Array(coords.length / 2);
    const features = [];
    let x = 0, y = 0, r = 0, p = 0, vi = 0;
    for (let f = 0; f < spec.parts.length; f++) {
      const rings = [], box = [Infinity, Infinity, -Infinity, -Infinity];
      for (let i = 0; i < spec.parts[f]; i++, p++) {
        for (let j = 0; j < spec.rings[p]; j++, r++) {
          const n = spec.counts[r], start = vi;
          for (let t = 0; t < n; t++, vi++) {
            const dx = coords.next(), dy = coords.next();
            x = t === 0 ? dx : x + dx;
            y = t === 0 ? dy : y + dy;
            const lat = Math.max(Math.min(y / 1e6, MAX_LAT), -MAX_LAT) * Math.PI / 180;
            u[vi] = x / 1e6 / 360 + 0.5;
            v[vi] = 0.5 - Math.log(Math.tan(Math.PI / 4 + lat / 2)) / (2 * Math.PI);
            if (u[vi] < box[0]) box[0] = u[vi];
            if (v[vi] < box[1]) box[1] = v[vi];
            if (u[vi] > box[2]) box[2] = u[vi];
            if (v[vi] > box[3]) box[3] = v[vi];
          }
          rings.push([start, n]);
        }
      }
      features.push({ rings, box });
    }
    return { u, v, features };
  }

  /* A size x size grid over all features: cell "x,y" lists the features whose box meets it. */
  function index(data, size) {
    let box = [Infinity, Infinity, -Infinity, -Infinity];
    data.features.forEach((f) => {
      box = [Math.min(box[0], f.box[0]), Math.min(box[1], f.box[1]),
        Math.max(box[2], f.box[2]), Math.max(box[3], f.box[3])];
    });
    const cells = {}, w = (box[2] - box[0]) / size || 1, h = (box[3] - box[1]) / size || 1;
    data.features.forEach((f, i) => {
      for (let gx = Math.floor((f.box[0] - box[0]) / w); gx <= Math.floor((f.box[2] - box[0]) / w); gx++) {
        for (let gy = Math.floor((f.box[1] - box[1]) / h); gy <= Math.floor((f.box[3] - box[1]) / h); gy++) {
          (cells[gx + "," + gy] = cells[gx + "," + gy] || []).push(i);
        }
      }
    });
    return { box, w, h, cells };
  }

  /* Even-odd rule over all the feature's rings: holes are outside, islands inside. */
  function insideRings(data, feature, pu, pv) {
    let inside = false;
    feature.rings.forEach((ring) => {
      for (let a = ring[0], end = ring[0] + ring[1], b = end - 1; a < end; b = a++) {
        if ((data.v[a] > pv) !== (data.v[b] > pv) &&
            pu < (data.u[b] - data.u[a]) * (pv - data.v[a]) / (data.v[b] - data.v[a]) + data.u[a]) {
          inside = !inside;
        }
      }
    });
    return inside;
  }

  /* The index of the topmost (last drawn) feature containing the point, or -1. */
  function featureAt(data, grid, pu, pv) {
    const key = Math.floor((pu - grid.box[0]) / grid.w) + "," + Math.floor((pv - grid.box[1]) / grid.h);
    const candidates = grid.cells[key] || [];
    for (let i = candidates.length - 1; i >= 0; i--) {
      const f = data.features[candidates[i]];
      if (pu >= f.box[0] && pu <= f.box[2] && pv >= f.box[1] && pv <= f.box[3] &&
          insideRings(data, f, pu, pv)) {
        return candidates[i];
      }
    }
    return -1;
  }

  atlas.bulkGeometry = { numbers, decode, index, featureAt };
})(window.gbaAtlas = window.gbaAtlas || {});
