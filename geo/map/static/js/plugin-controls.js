/* gba-atlas page script: the Leaflet plugins' controls (geo/map/controls.py), each given
   its options as JSON: fullscreen, measure, mouse position, minimap, and draw with export. */
(function (atlas) {
  "use strict";

  const { el } = atlas.dom;

  atlas.addFullscreen = function (map, options) {
    L.control.fullscreen(options).addTo(map);
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

  atlas.addMousePosition = function (map, options) {
    new L.Control.MousePosition(options).addTo(map);
  };

  atlas.addMiniMap = function (map, spec) {
    const tiles = L.tileLayer(spec.tiles.url, { attribution: spec.tiles.attribution });
    new L.Control.MiniMap(tiles, { position: spec.position, toggleDisplay: spec.toggleDisplay }).addTo(map);
  };

  /* Draw tools, and a link that downloads what was drawn as GeoJSON. */
  atlas.addDraw = function (map, spec) {
    const items = L.featureGroup().addTo(map);
    const edit = { featureGroup: items };
    new L.Control.Draw({ position: spec.position, draw: spec.draw, edit }).addTo(map);
    map.on(L.Draw.Event.CREATED, (event) => items.addLayer(event.layer));
    L.control.atlasBox(() => {
      const link = el("a", "gba-export gba-box", "Export drawing");
      link.href = "#";
      link.title = "Download what you drew as GeoJSON";
      link.setAttribute("download", spec.filename);
      link.addEventListener("click", () => {
        const geojson = JSON.stringify(items.toGeoJSON());
        link.href = "data:application/geo+json;charset=utf-8," + encodeURIComponent(geojson);
      });
      return link;
    }, { position: spec.position }).addTo(map);
  };
})(window.gbaAtlas = window.gbaAtlas || {});
