/* gba-atlas map behaviour. Text from the data is only ever set with textContent,
   and only http(s) URLs become links: nothing that arrives with a layer runs. */
(function (global) {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\/[^\s<>"'`]+$/i.test(url) ? url : null;
  }

  function verdict(ok) {
    return el("span", ok ? "gba-ok" : "gba-fail", ok ? "\u2713" : "\u2717");
  }

  /* An item: {text, url?, ok?}: a verdict sign, then the text (a link when the URL is http(s)). */
  function item(spec, tag) {
    var node = el(tag || "li", "gba-item");
    if (spec.ok === true || spec.ok === false) {
      node.appendChild(verdict(spec.ok));
      node.appendChild(document.createTextNode(" "));
    }
    var url = safeUrl(spec.url);
    if (url) {
      var a = el("a", null, spec.text);
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      node.appendChild(a);
    } else {
      node.appendChild(document.createTextNode(String(spec.text)));
    }
    return node;
  }

  function card(spec, className) {
    var node = el("div", className);
    node.appendChild(el("div", "gba-title", spec.title));
    if (spec.subtitle) node.appendChild(el("div", "gba-subtitle", spec.subtitle));
    (spec.sections || []).forEach(function (section) {
      if (section.heading) node.appendChild(el("div", "gba-heading", section.heading));
      var list = el("ul", "gba-list");
      section.items.forEach(function (entry) { list.appendChild(item(entry)); });
      node.appendChild(list);
    });
    return node;
  }

  function table(header, rows) {
    var node = el("table", "gba-table");
    var head = el("tr");
    header.forEach(function (cell) { head.appendChild(el("th", null, cell)); });
    node.appendChild(head);
    rows.forEach(function (row) {
      var tr = el("tr", row.ok ? "gba-row-ok" : "gba-row-fail");
      row.cells.forEach(function (cell) { tr.appendChild(el("td", null, cell)); });
      var last = el("td");
      last.appendChild(verdict(row.ok));
      tr.appendChild(last);
      node.appendChild(tr);
    });
    return node;
  }

  function control(position, build) {
    var Ctl = L.Control.extend({
      options: { position: position },
      onAdd: function () {
        var node = build();
        L.DomEvent.disableClickPropagation(node);
        L.DomEvent.disableScrollPropagation(node);
        return node;
      },
    });
    return new Ctl();
  }

  var labels = [];
  var drawn = [];
  var clickAnswered = false;

  /* Larger areas below smaller ones, lines on top: a park inside a district stays reachable. */
  function stackBySize(map) {
    drawn
      .slice()
      .sort(function (a, b) { return b.size - a.size; })
      .forEach(function (entry) { if (map.hasLayer(entry.layer)) entry.layer.bringToFront(); });
  }

  /* BulkLayer: thousands of polygons on one canvas, with one Leaflet layer in all.
     Vertices are projected once to Web Mercator's unit square; each redraw only scales
     and shifts them. Hover and click are hit-tested on a grid of feature boxes, and the
     canvas lets pointer events through, so the vector layers below stay usable. */
  var WORLD = 2 * Math.PI * 6378137;

  function decode(spec) {
    var c = spec.coords, nVertices = c.length / 2;
    var u = new Float64Array(nVertices), v = new Float64Array(nVertices);
    var x = 0, y = 0, k = 0, r = 0, p = 0, vi = 0;
    var features = [];
    for (var f = 0; f < spec.parts.length; f++) {
      var rings = [], box = [Infinity, Infinity, -Infinity, -Infinity];
      for (var i = 0; i < spec.parts[f]; i++, p++) {
        for (var j = 0; j < spec.rings[p]; j++, r++) {
          var n = spec.counts[r], start = vi;
          for (var t = 0; t < n; t++, k += 2, vi++) {
            x = t === 0 ? c[k] : x + c[k];
            y = t === 0 ? c[k + 1] : y + c[k + 1];
            var lat = Math.max(Math.min(y / 1e6, 85.0511287798), -85.0511287798) * Math.PI / 180;
            u[vi] = x / 1e6 / 360 + 0.5;  // spherical Web Mercator, as Leaflet projects, scaled to [0, 1]
            v[vi] = 0.5 - Math.log(Math.tan(Math.PI / 4 + lat / 2)) / (2 * Math.PI);
            if (u[vi] < box[0]) box[0] = u[vi];
            if (v[vi] < box[1]) box[1] = v[vi];
            if (u[vi] > box[2]) box[2] = u[vi];
            if (v[vi] > box[3]) box[3] = v[vi];
          }
          rings.push([start, n]);
        }
      }
      features.push({ rings: rings, box: box });
    }
    return { u: u, v: v, features: features };
  }

  function insideRings(data, feature, pu, pv) {
    var inside = false;
    feature.rings.forEach(function (ring) {
      for (var a = ring[0], end = ring[0] + ring[1], b = end - 1; a < end; b = a++) {
        if ((data.v[a] > pv) !== (data.v[b] > pv) &&
            pu < (data.u[b] - data.u[a]) * (pv - data.v[a]) / (data.v[b] - data.v[a]) + data.u[a]) {
          inside = !inside;
        }
      }
    });
    return inside;
  }

  var BulkLayer = L.Layer.extend({
    initialize: function (spec) {
      this._spec = spec;
      this._data = decode(spec);
      this._grid = this._index(64);
      this._hovered = -1;
    },

    _index: function (size) {
      var box = [Infinity, Infinity, -Infinity, -Infinity];
      this._data.features.forEach(function (f) {
        box = [Math.min(box[0], f.box[0]), Math.min(box[1], f.box[1]),
               Math.max(box[2], f.box[2]), Math.max(box[3], f.box[3])];
      });
      var cells = {}, w = (box[2] - box[0]) / size || 1, h = (box[3] - box[1]) / size || 1;
      this._data.features.forEach(function (f, index) {
        for (var gx = Math.floor((f.box[0] - box[0]) / w); gx <= Math.floor((f.box[2] - box[0]) / w); gx++) {
          for (var gy = Math.floor((f.box[1] - box[1]) / h); gy <= Math.floor((f.box[3] - box[1]) / h); gy++) {
            (cells[gx + "," + gy] = cells[gx + "," + gy] || []).push(index);
          }
        }
      });
      return { box: box, w: w, h: h, cells: cells };
    },

    getBounds: function () {
      var g = this._grid.box;
      var unproject = function (pu, pv) {
        return L.Projection.SphericalMercator.unproject(L.point((pu - 0.5) * WORLD, (0.5 - pv) * WORLD));
      };
      return L.latLngBounds(unproject(g[0], g[3]), unproject(g[2], g[1]));
    },

    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "gba-bulk");
      this._canvas.style.pointerEvents = "none";
      this._canvas.style.position = "absolute";
      map.getPane("overlayPane").appendChild(this._canvas);
      this._tooltip = L.tooltip({ sticky: true, direction: "top", className: "gba-bulk-tip" });
      map.on("moveend zoomend resize viewreset", this._schedule, this);
      map.on("mousemove", this._onMove, this);
      map.on("preclick", this._onClick, this);
      this._redraw();
    },

    onRemove: function (map) {
      map.off("moveend zoomend resize viewreset", this._schedule, this);
      map.off("mousemove", this._onMove, this);
      map.off("preclick", this._onClick, this);
      this._setHovered(-1);
      L.DomUtil.remove(this._canvas);
    },

    /* at most one redraw per frame, however many map events arrive */
    _schedule: function () {
      if (this._frame) return;
      this._frame = L.Util.requestAnimFrame(function () {
        this._frame = null;
        if (this._map) this._redraw();
      }, this);
    },

    _redraw: function () {
      var map = this._map, size = map.getSize(), canvas = this._canvas;
      var topLeft = map.containerPointToLayerPoint([0, 0]);
      var ratio = window.devicePixelRatio || 1;
      canvas.width = size.x * ratio;
      canvas.height = size.y * ratio;
      canvas.style.width = size.x + "px";
      canvas.style.height = size.y + "px";
      L.DomUtil.setPosition(canvas, topLeft);
      var scale = 256 * Math.pow(2, map.getZoom()), origin = map.getPixelOrigin();
      var ox = origin.x + topLeft.x, oy = origin.y + topLeft.y;
      var ctx = canvas.getContext("2d"), data = this._data, style = this._spec.style;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      var view = [ox / scale, oy / scale, (ox + size.x) / scale, (oy + size.y) / scale];
      /* Shapes under two pixels across are drawn as one-pixel dots; the rest are traced in batches
         (one path of a million vertices rasterises very slowly). */
      var batch = 0, dots = [];
      ctx.beginPath();
      data.features.forEach(function (f) {
        if (f.box[2] < view[0] || f.box[0] > view[2] || f.box[3] < view[1] || f.box[1] > view[3]) return;
        if ((f.box[2] - f.box[0]) * scale < 2 && (f.box[3] - f.box[1]) * scale < 2) {
          dots.push(f.box[0] * scale - ox, f.box[1] * scale - oy);
          return;
        }
        this._trace(ctx, f, scale, ox, oy);
        if (++batch % 200 === 0) {
          this._paint(ctx, style);
          ctx.beginPath();
        }
      }, this);
      this._paint(ctx, style);
      ctx.fillStyle = style.color;
      for (var i = 0; i < dots.length; i += 2) ctx.fillRect(dots[i], dots[i + 1], 1.5, 1.5);
      if (this._hovered >= 0) this._highlight();
    },

    _trace: function (ctx, feature, scale, ox, oy) {
      var u = this._data.u, v = this._data.v;
      feature.rings.forEach(function (ring) {
        for (var a = ring[0], end = ring[0] + ring[1]; a < end; a++) {
          var px = u[a] * scale - ox, py = v[a] * scale - oy;
          if (a === ring[0]) ctx.moveTo(px, py); else ctx.lineTo(px, py);
        }
        ctx.closePath();
      });
    },

    _paint: function (ctx, style) {
      ctx.fillStyle = style.fillColor || style.color;
      ctx.globalAlpha = style.fillOpacity === undefined ? 0.25 : style.fillOpacity;
      ctx.fill("evenodd");
      ctx.globalAlpha = style.opacity === undefined ? 1 : style.opacity;
      ctx.strokeStyle = style.color;
      ctx.lineWidth = style.weight || 1;
      ctx.stroke();
      ctx.globalAlpha = 1;
    },

    _highlight: function () {
      var map = this._map, ctx = this._canvas.getContext("2d");
      var topLeft = map.containerPointToLayerPoint([0, 0]), origin = map.getPixelOrigin();
      var scale = 256 * Math.pow(2, map.getZoom());
      ctx.beginPath();
      this._trace(ctx, this._data.features[this._hovered], scale, origin.x + topLeft.x, origin.y + topLeft.y);
      var style = this._spec.style;
      this._paint(ctx, { color: style.color, fillColor: style.fillColor, fillOpacity: 0.45,
                         weight: (style.weight || 2) + 2 });
    },

    _featureAt: function (latlng) {
      var m = L.Projection.SphericalMercator.project(latlng);
      var pu = m.x / WORLD + 0.5, pv = 0.5 - m.y / WORLD, g = this._grid;
      var key = Math.floor((pu - g.box[0]) / g.w) + "," + Math.floor((pv - g.box[1]) / g.h);
      var candidates = g.cells[key] || [];
      for (var i = candidates.length - 1; i >= 0; i--) {
        var f = this._data.features[candidates[i]];
        if (pu >= f.box[0] && pu <= f.box[2] && pv >= f.box[1] && pv <= f.box[3] &&
            insideRings(this._data, f, pu, pv)) {
          return candidates[i];
        }
      }
      return -1;
    },

    _describe: function (index) {
      var spec = this._spec;
      var items = [{ text: spec.area_ha[index].toLocaleString("en", { maximumFractionDigits: 2 }) + " ha" },
                   { text: "id: " + spec.ids[index] }, { text: "layer: " + spec.layer }];
      return { title: spec.names[index], sections: [{ items: items }] };
    },

    _setHovered: function (index) {
      if (index === this._hovered) return;
      this._hovered = index;
      var map = this._map, container = map.getContainer();
      if (index < 0) {
        map.closeTooltip(this._tooltip);
        L.DomUtil.removeClass(container, "gba-bulk-hover");
      } else {
        this._tooltip.setContent(card(this._describe(index), "gba-tooltip"));
        L.DomUtil.addClass(container, "gba-bulk-hover");
      }
      this._schedule();
    },

    _onMove: function (e) {
      this._setHovered(this._featureAt(e.latlng));
      if (this._hovered >= 0) this._map.openTooltip(this._tooltip.setLatLng(e.latlng));
    },

    _onClick: function (e) {
      var index = this._featureAt(e.latlng);
      if (index < 0) return;
      clickAnswered = true;  // Leaflet's preclick carries a copy of the event: flag it here
      setTimeout(function () { clickAnswered = false; }, 0);
      L.popup({ maxWidth: 420 }).setLatLng(e.latlng).setContent(card(this._describe(index), "gba-popup"))
        .openOn(this._map);
    },
  });

  var atlas = {
    /* Draw one feature into its overlay group, with tooltip, popup, hover and a label. */
    addFeature: function (group, spec) {
      var layer = L.geoJSON(spec.geojson, {
        style: function () { return spec.style; },
        onEachFeature: function (_, path) {
          path.bindTooltip(card(spec.tooltip, "gba-tooltip"), { sticky: true, direction: "top" });
          var popup = L.popup({ maxWidth: 420, maxHeight: 420 }).setContent(card(spec.popup, "gba-popup"));
          /* a click that a bulk layer (buildings inside this area, say) has answered is not ours */
          path.on("click", function (e) {
            if (clickAnswered) return;
            popup.setLatLng(e.latlng).openOn(path._map);
          });
          /* No bringToFront here: a hovered large area would then cover the small ones inside it. */
          path.on("mouseover", function () {
            path.setStyle({ weight: (spec.style.weight || 2) + 2, fillOpacity: 0.45 });
          });
          path.on("mouseout", function () { layer.resetStyle(path); });
        },
      });
      layer.addTo(group);
      var box = layer.getBounds();
      var size = (box.getNorth() - box.getSouth()) * (box.getEast() - box.getWest());
      drawn.push({ layer: layer, size: spec.style.fill === false ? 0 : size });
      var label = L.tooltip({ permanent: true, direction: "center", className: "gba-label", interactive: false })
        .setLatLng(spec.label.at)
        .setContent(el("span", null, spec.label.text));
      labels.push({ tooltip: label, group: group, minZoom: spec.label.min_zoom });
      return layer;
    },

    /* A large polygon layer (see geo/map/bulk.py), drawn by BulkLayer on its own canvas. */
    addBulk: function (group, spec) {
      var layer = new BulkLayer(spec);
      layer.addTo(group);
      return layer;
    },

    addOutline: function (group, geojson, style) {
      return L.geoJSON(geojson, { style: function () { return style; }, interactive: false }).addTo(group);
    },

    /* Keep the features stacked by size, also when an overlay is switched back on. */
    stackBySize: function (map) {
      map.on("overlayadd", function () { stackBySize(map); });
      stackBySize(map);
    },

    /* Show each label from its zoom on, while its overlay is on the map. */
    watchLabels: function (map) {
      function update() {
        var zoom = map.getZoom();
        labels.forEach(function (entry) {
          var show = zoom >= entry.minZoom && map.hasLayer(entry.group);
          if (show && !map.hasLayer(entry.tooltip)) entry.tooltip.addTo(map);
          if (!show && map.hasLayer(entry.tooltip)) map.removeLayer(entry.tooltip);
        });
      }
      map.on("zoomend overlayadd overlayremove", update);
      update();
    },

    addTitle: function (map, spec) {
      control("topleft", function () {
        var node = el("div", "gba-titlebox gba-box");
        node.appendChild(el("h1", null, spec.title));
        node.appendChild(item({ text: spec.description, url: spec.url }, "p"));
        return node;
      }).addTo(map);
    },

    addPanel: function (map, spec) {
      control("bottomright", function () {
        var node = el("details", "gba-panel gba-box");
        node.open = true;
        node.appendChild(el("summary", null, spec.title));
        node.appendChild(table(spec.area_header, spec.areas));
        node.appendChild(el("div", "gba-heading", "Claims"));
        node.appendChild(table(spec.claim_header, spec.claims));
        return node;
      }).addTo(map);
    },

    addLegend: function (map, entries) {
      control("bottomleft", function () {
        var node = el("div", "gba-legend gba-box");
        entries.forEach(function (entry) {
          var row = el("div", "gba-legend-row");
          var swatch = el("span", "gba-swatch" + (entry.line ? " gba-swatch-line" : ""));
          swatch.style.background = entry.colour;
          row.appendChild(swatch);
          row.appendChild(document.createTextNode(entry.name));
          node.appendChild(row);
        });
        return node;
      }).addTo(map);
    },

    addGoTo: function (map, places) {
      control("topleft", function () {
        var select = el("select", "gba-goto");
        select.setAttribute("aria-label", "Go to");
        select.appendChild(el("option", null, "Go to\u2026"));
        places.forEach(function (place, index) {
          var option = el("option", null, place.name);
          option.value = String(index);
          select.appendChild(option);
        });
        select.addEventListener("change", function () {
          var place = places[Number(select.value)];
          if (place) map.fitBounds(place.bounds, { padding: [20, 20] });
        });
        var node = el("div", "gba-goto-box gba-box");
        node.appendChild(select);
        return node;
      }).addTo(map);
    },

    /* Headings in the layer control: groups of overlays, in the order they were added. */
    groupOverlays: function (control, groups) {
      var box = control.getContainer().querySelector(".leaflet-control-layers-overlays");
      if (!box) return;
      var labelsInBox = box.querySelectorAll("label");
      var index = 0;
      groups.forEach(function (group) {
        var first = labelsInBox[index];
        if (first) box.insertBefore(el("div", "gba-group", group.name), first);
        index += group.size;
      });
    },

    /* The plugin controls (geo/map/controls.py): each gets its options as JSON. */
    addFullscreen: function (map, options) {
      L.control.fullscreen(options).addTo(map);
    },

    addMeasure: function (map, options) {
      /* leaflet-measure 2.1.7 predates Leaflet 1.8, whose markers pan the map to themselves when
         focused: its map-sized capture marker would make the view jump (ljagis/leaflet-measure#171). */
      L.Control.Measure.include({
        _setCaptureMarkerIcon: function () {
          this._captureMarker.options.autoPanOnFocus = false;
          this._captureMarker.setIcon(L.divIcon({ iconSize: this._map.getSize().multiplyBy(2) }));
        },
      });
      new L.Control.Measure(options).addTo(map);
    },

    addMousePosition: function (map, options) {
      new L.Control.MousePosition(options).addTo(map);
    },

    addMiniMap: function (map, spec) {
      var tiles = L.tileLayer(spec.tiles.url, { attribution: spec.tiles.attribution });
      new L.Control.MiniMap(tiles, { position: spec.position, toggleDisplay: spec.toggleDisplay }).addTo(map);
    },

    /* Draw tools, and a link that downloads what was drawn as GeoJSON. */
    addDraw: function (map, spec) {
      var items = L.featureGroup().addTo(map);
      new L.Control.Draw({ position: spec.position, draw: spec.draw, edit: { featureGroup: items } }).addTo(map);
      map.on(L.Draw.Event.CREATED, function (event) { items.addLayer(event.layer); });
      control(spec.position, function () {
        var link = el("a", "gba-export gba-box", "Export drawing");
        link.href = "#";
        link.title = "Download what you drew as GeoJSON";
        link.setAttribute("download", spec.filename);
        link.addEventListener("click", function () {
          var geojson = JSON.stringify(items.toGeoJSON());
          link.href = "data:application/geo+json;charset=utf-8," + encodeURIComponent(geojson);
        });
        return link;
      }).addTo(map);
    },
  };

  global.gbaAtlas = atlas;
})(window);
