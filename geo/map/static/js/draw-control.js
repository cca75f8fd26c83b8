/* @requires dom.js drawn-sync.js i18n.js plugin-class.js */
/* Drawing on the map: Leaflet.draw 1.0.2's tools and a link downloading what was drawn as GeoJSON.

   L.Control.AtlasExport (L.control.atlasExport): the download link, with a status line that says
     when there is nothing to download (map.export, map.export.title, map.export.nothing).
   L.AtlasDrawing (L.atlasDrawing): the drawn shapes' layer, the draw tools and the export link,
     added to a map and taken off together; on a phone the two controls go to the top left, so
     that the two columns of tools leave room for the bottom sheet. */
(function (atlas) {
  "use strict";

  const { el } = atlas.dom;
  const { t } = atlas.i18n;
  const PHONE = "(max-width: 640px)";

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

  L.Control.AtlasExport = L.Control.extend({
    options: { position: "topright", filename: "drawn.geojson", clearAfter: 4000 },

    /* items: the L.FeatureGroup of the drawn shapes */
    initialize(items, options) {
      L.setOptions(this, options);
      this._items = items;
    },

    onAdd() {
      const box = el("div", "gba-export-box leaflet-bar");
      const link = (this._link = box.appendChild(el("a", "gba-export", "\u2913")));
      link.setAttribute("aria-label", t("map.export"));
      this._status = box.appendChild(el("p", "gba-export-status"));
      this._status.setAttribute("role", "status");
      link.href = "#";
      link.title = t("map.export.title");
      link.setAttribute("download", this.options.filename);
      link.addEventListener("click", this._onClick = this._onClick || this._export.bind(this));
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    },

    onRemove() {
      this._link.removeEventListener("click", this._onClick);
      clearTimeout(this._clear);
    },

    _export(event) {
      if (!this._items.getLayers().length) {
        event.preventDefault();
        this._status.textContent = t("map.export.nothing");
        clearTimeout(this._clear);
        this._clear = setTimeout(() => { this._status.textContent = ""; }, this.options.clearAfter);
        return;
      }
      const geojson = JSON.stringify(named(atlas.orientRings(this._items.toGeoJSON())));
      this._link.href = "data:application/geo+json;charset=utf-8," + encodeURIComponent(geojson);
    },
  });

  L.control.atlasExport = (items, options) => new L.Control.AtlasExport(items, options);

  L.AtlasDrawing = L.Class.extend({
    options: { position: "topright", draw: {}, filename: "drawn.geojson", post_to_parent: false },

    initialize(options) {
      L.setOptions(this, options);
      this._items = L.featureGroup();
    },

    addTo(map) {
      if (atlas.drawTexts) atlas.drawTexts();
      this._map = map;
      this._items.addTo(map);
      const edit = { featureGroup: this._items };
      this._draw = new L.Control.Draw({ position: this.options.position, draw: this.options.draw, edit }).addTo(map);
      this._export = L.control.atlasExport(this._items, { position: this.options.position, filename: this.options.filename }).addTo(map);
      map.on(L.Draw.Event.CREATED, this._onCreated, this);
      if (this.options.post_to_parent && atlas.syncDrawn) this._unsync = atlas.syncDrawn(map, this._items);
      this._phone = window.matchMedia(PHONE);
      this._phone.addEventListener("change", this._place = this._place || this._placeNow.bind(this));
      if (atlas.dom.narrow()) this._placeNow();
      return this;
    },

    remove() {
      const map = this._map;
      if (!map) return this;
      this._phone.removeEventListener("change", this._place);
      map.off(L.Draw.Event.CREATED, this._onCreated, this);
      if (this._unsync) this._unsync();
      this._export.remove();
      this._draw.remove();
      map.removeLayer(this._items);
      this._map = this._unsync = null;
      return this;
    },

    /* the shapes drawn: a FeatureGroup */
    getLayer() {
      return this._items;
    },

    _onCreated(event) {
      this._items.addLayer(event.layer);
    },

    _placeNow() {
      const where = atlas.dom.narrow() ? "topleft" : this.options.position;
      [this._draw, this._export].forEach((control) => control.setPosition(where));
      if (atlas.labelControls) atlas.labelControls(this._map);
    },
  });

  L.atlasDrawing = (options) => new L.AtlasDrawing(options);

  /* Draw tools and the export link; spec: {position, draw, filename, post_to_parent} */
  atlas.addDraw = function (map, spec) {
    return L.atlasDrawing(spec).addTo(map);
  };
})(window.gbaAtlas = window.gbaAtlas || {});
