/* @requires box-control.js dom.js drawn-sync.js i18n.js */
/* gba-atlas page script: the Leaflet plugins' controls (geo/map/controls.py), each given
   its options as JSON: fullscreen, measure, mouse position, minimap, and draw with export. */
(function (atlas) {
  "use strict";

  const { el } = atlas.dom;
  const { t } = atlas.i18n;

  atlas.addFullscreen = function (map, options) {
    const titles = () => ({ title: t("map.fullscreen"), titleCancel: t("map.fullscreen.exit") });
    const control = L.control.fullscreen(Object.assign({}, options, titles())).addTo(map);
    /* its link's title and name say what a press does, in the page's language */
    const sync = () => {
      Object.assign(control.options, titles());
      const title = map._isFullscreen ? control.options.titleCancel : control.options.title;
      control.link.title = title;
      control.link.setAttribute("aria-label", title);
    };
    map.on("gbalanguage enterFullscreen exitFullscreen", () => setTimeout(sync, 0));
  };

  atlas.addMeasure = function (map, options) {
    /* leaflet-measure 2.1.7 predates Leaflet 1.8, whose markers pan the map to themselves when
       focused: its map-sized capture marker would make the view jump (ljagis/leaflet-measure#171). */
    L.Control.Measure.include({
      _setCaptureMarkerIcon() {
        this._captureMarker.options.autoPanOnFocus = false;
        this._captureMarker.setIcon(L.divIcon({ iconSize: this._map.getSize().multiplyBy(2) }));
      },
    });
    new L.Control.Measure(options).addTo(map);
  };

  /* Empty (and hidden, see atlas.css) until the pointer is on the map. */
  atlas.addMousePosition = function (map, options) {
    const control = new L.Control.MousePosition(Object.assign({ emptyString: "" }, options, { prefix: t("map.position.prefix") }));
    control.addTo(map);
    map.on("gbalanguage", () => { control.options.prefix = t("map.position.prefix"); });
  };

  /* leaflet-minimap 3.6.1 moves the main map to its own centre after each of its moves that
     the main map did not start; two quick moves of the main map (the first view, framed again
     when the tiles' note appears) confuse that bookkeeping, and the main map jumps back to the
     overview's rounded centre. Here only the reader's own moves of the overview (a drag, a
     click, the wheel, a key in the last 1.5 s) move the main map. */
  const READER = 1500;  // ms
  const ReaderMiniMap = () => L.Control.MiniMap.extend({
    onAdd(map) {
      const node = L.Control.MiniMap.prototype.onAdd.call(this, map);
      this._touched = 0;
      this._onTouch = () => { this._touched = Date.now(); };
      ["pointerdown", "wheel", "touchstart", "keydown"].forEach((type) => {
        node.addEventListener(type, this._onTouch, { capture: true, passive: true });
      });
      return node;
    },

    onRemove(map) {
      ["pointerdown", "wheel", "touchstart", "keydown"].forEach((type) => {
        this._container.removeEventListener(type, this._onTouch, { capture: true });
      });
      L.Control.MiniMap.prototype.onRemove.call(this, map);
    },

    _onMiniMapMoved(event) {
      if (Date.now() - this._touched < READER) {
        L.Control.MiniMap.prototype._onMiniMapMoved.call(this, event);
      } else {
        this._mainMapMoving = false;
      }
    },
  });

  /* The overview map, showing the base map that the map shows. spec.tiles: [{name, url, attribution}] */
  atlas.addMiniMap = function (map, spec) {
    const layer = (tiles) => L.tileLayer(tiles.url, { attribution: tiles.attribution });
    /* folded at first on a map too short for it beside the tools (a notebook's) */
    const strings = () => ({ hideText: t("map.minimap.hide"), showText: t("map.minimap.show") });
    const minimap = new (ReaderMiniMap())(layer(spec.tiles[0]), {
      position: spec.position, toggleDisplay: spec.toggleDisplay, width: spec.width, height: spec.height,
      minimized: map.getSize().y < 600, collapsedWidth: 24, collapsedHeight: 24, strings: strings(),
    }).addTo(map);
    map.on("gbalanguage", () => {
      minimap.options.strings = strings();
      const toggle = minimap._toggleDisplayButton;
      if (toggle) toggle.title = minimap._minimized ? minimap.options.strings.showText : minimap.options.strings.hideText;
    });
    map.on("baselayerchange", (event) => {
      const tiles = spec.tiles.find((t) => t.name === event.name);
      if (tiles) minimap.changeLayer(layer(tiles));
    });
  };

  /* On a phone the draw tools go to the top left, so that the two columns of tools leave room
     for the bottom sheet. */
  function placeOnPhones(map, controls, position) {
    const place = () => {
      const where = atlas.dom.narrow() ? "topleft" : position;
      controls.forEach((control) => control.setPosition(where));
      if (atlas.labelControls) atlas.labelControls(map);
    };
    if (atlas.dom.narrow()) place();
    window.matchMedia("(max-width: 640px)").addEventListener("change", place);
  }

  /* Twice a ring's signed area in lon/lat: positive when counter-clockwise. */
  function ringArea(ring) {
    let sum = 0;
    for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    return sum;
  }

  /* A polygon's rings as RFC 7946 asks (section 3.1.6): the exterior counter-clockwise, holes clockwise. */
  function orientPolygon(rings) {
    return rings.map((ring, i) => ((ringArea(ring) > 0) === (i === 0) ? ring : ring.slice().reverse()));
  }

  /* GeoJSON (a FeatureCollection, Feature or geometry) with every polygon's rings oriented; a copy. */
  atlas.orientRings = function orientRings(geojson) {
    if (!geojson || typeof geojson !== "object") return geojson;
    if (geojson.type === "FeatureCollection") return Object.assign({}, geojson, { features: geojson.features.map(orientRings) });
    if (geojson.type === "Feature") return Object.assign({}, geojson, { geometry: orientRings(geojson.geometry) });
    if (geojson.type === "GeometryCollection") return Object.assign({}, geojson, { geometries: geojson.geometries.map(orientRings) });
    if (geojson.type === "Polygon") return Object.assign({}, geojson, { coordinates: orientPolygon(geojson.coordinates) });
    if (geojson.type === "MultiPolygon") return Object.assign({}, geojson, { coordinates: geojson.coordinates.map(orientPolygon) });
    return geojson;
  };

  /* Each drawn feature with the id and name a layer file wants (drawn_1, "Drawn shape 1", ...), so
     the file can go into layers/ or to add_layer as it is. */
  function named(collection) {
    collection.features = collection.features.map((feature, index) => Object.assign({}, feature, {
      properties: Object.assign({ id: "drawn_" + (index + 1), name: "Drawn shape " + (index + 1) }, feature.properties),
    }));
    return collection;
  }

  /* Draw tools, and a link that downloads what was drawn as GeoJSON (rings as RFC 7946 orients them). */
  atlas.addDraw = function (map, spec) {
    if (atlas.drawTexts) atlas.drawTexts();
    const items = L.featureGroup().addTo(map);
    const edit = { featureGroup: items };
    const draw = new L.Control.Draw({ position: spec.position, draw: spec.draw, edit }).addTo(map);
    map.on(L.Draw.Event.CREATED, (event) => items.addLayer(event.layer));
    if (spec.post_to_parent && atlas.syncDrawn) atlas.syncDrawn(map, items);
    const exporter = L.control.atlasBox(() => {
      const box = el("div", "gba-export-box leaflet-bar");
      const link = box.appendChild(el("a", "gba-export", "\u2913"));
      link.setAttribute("aria-label", t("map.export"));
      const status = box.appendChild(el("p", "gba-export-status"));
      status.setAttribute("role", "status");
      link.href = "#";
      link.title = t("map.export.title");
      link.setAttribute("download", spec.filename);
      link.addEventListener("click", (event) => {
        if (!items.getLayers().length) {
          event.preventDefault();
          status.textContent = t("map.export.nothing");
          setTimeout(() => { status.textContent = ""; }, 4000);
          return;
        }
        const geojson = JSON.stringify(named(atlas.orientRings(items.toGeoJSON())));
        link.href = "data:application/geo+json;charset=utf-8," + encodeURIComponent(geojson);
      });
      return box;
    }, { position: spec.position }).addTo(map);
    placeOnPhones(map, [draw, exporter], spec.position);
  };
})(window.gbaAtlas = window.gbaAtlas || {});
