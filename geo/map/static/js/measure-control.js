/* @requires plugin-class.js */
/* L.Control.AtlasMeasure (L.control.atlasMeasure): leaflet-measure 2.1.7's distances and areas,
   without the jump of the view its capture marker causes on Leaflet 1.8 and later. Its words
   in the page's language: measure-text.js. */
(function (atlas) {
  "use strict";

  const Measure = atlas.later(() => (L.Control.AtlasMeasure = L.Control.Measure.extend({
    /* leaflet-measure 2.1.7 (private method, no API for it) predates Leaflet 1.8, whose markers pan
       the map to themselves when focused: its map-sized capture marker would make the view jump
       (ljagis/leaflet-measure#171). The same marker, not panning on focus. */
    _setCaptureMarkerIcon() {
      this._captureMarker.options.autoPanOnFocus = false;
      this._captureMarker.setIcon(L.divIcon({ iconSize: this._map.getSize().multiplyBy(2) }));
    },
  })));

  L.control.atlasMeasure = (options) => new (Measure())(options);

  atlas.addMeasure = function (map, options) {
    return L.control.atlasMeasure(options).addTo(map);
  };
})(window.gbaAtlas = window.gbaAtlas || {});
