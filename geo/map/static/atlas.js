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

  /* Larger areas below smaller ones, lines on top: a park inside a district stays reachable. */
  function stackBySize(map) {
    drawn
      .slice()
      .sort(function (a, b) { return b.size - a.size; })
      .forEach(function (entry) { if (map.hasLayer(entry.layer)) entry.layer.bringToFront(); });
  }

  var atlas = {
    /* Draw one feature into its overlay group, with tooltip, popup, hover and a label. */
    addFeature: function (group, spec) {
      var layer = L.geoJSON(spec.geojson, {
        style: function () { return spec.style; },
        onEachFeature: function (_, path) {
          path.bindTooltip(card(spec.tooltip, "gba-tooltip"), { sticky: true, direction: "top" });
          path.bindPopup(card(spec.popup, "gba-popup"), { maxWidth: 420, maxHeight: 420 });
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

    /* A large polygon layer (see geo/map/bulk.py): decode, draw on a canvas, explain on demand. */
    addBulk: function (group, spec) {
      /* The map's own renderer: a canvas when the map has a bulk layer (preferCanvas), shared by every
         layer, so hit-testing follows the stacking order and small shapes stay reachable inside large ones. */
      var c = spec.coords, k = 0, r = 0, p = 0;
      var layer = L.featureGroup();
      var highlight = { weight: (spec.style.weight || 2) + 2, fillOpacity: 0.45 };
      for (var f = 0; f < spec.parts.length; f++) {
        var polygons = [];
        for (var i = 0; i < spec.parts[f]; i++, p++) {
          var rings = [];
          for (var j = 0; j < spec.rings[p]; j++, r++) {
            var n = spec.counts[r], x = 0, y = 0, ring = new Array(n);
            for (var v = 0; v < n; v++, k += 2) {
              x = v === 0 ? c[k] : x + c[k];
              y = v === 0 ? c[k + 1] : y + c[k + 1];
              ring[v] = [y / 1e6, x / 1e6];
            }
            rings.push(ring);
          }
          polygons.push(rings);
        }
        var shape = L.polygon(polygons.length === 1 ? polygons[0] : polygons, spec.style);
        shape.gbaIndex = f;
        layer.addLayer(shape);
      }
      function describe(index) {
        var items = [{ text: spec.area_ha[index].toLocaleString("en", { maximumFractionDigits: 2 }) + " ha" },
                     { text: "id: " + spec.ids[index] }, { text: "layer: " + spec.layer }];
        return { title: spec.names[index], sections: [{ items: items }] };
      }
      layer.bindTooltip(function (shape) { return card(describe(shape.gbaIndex), "gba-tooltip"); },
                        { sticky: true, direction: "top" });
      layer.bindPopup(function (shape) { return card(describe(shape.gbaIndex), "gba-popup"); });
      layer.on("mouseover", function (e) { e.layer.setStyle(highlight); });
      layer.on("mouseout", function (e) { e.layer.setStyle(spec.style); });
      layer.addTo(group);
      drawn.push({ layer: layer, size: 0 });
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
  };

  global.gbaAtlas = atlas;
})(window);
