/* @requires bulk-layer.js feature-layer.js map-state.js */
/* gba-atlas page script: what the Python elements draw into an overlay group
   (FeatureOverlay, BulkOverlay, Outline in geo/map), and the stacking of the areas by size. */
(function (atlas) {
  "use strict";

  /* One feature with tooltip, popup, hover and a label (see L.AtlasFeatureLayer). */
  atlas.addFeature = (group, spec) => L.atlasFeatureLayer(spec).addTo(group);

  /* A large polygon layer (see geo/map/bulk.py), drawn by L.AtlasBulkLayer on its own canvas. */
  atlas.addBulk = (group, spec) => L.atlasBulkLayer(spec, spec.style).addTo(group);

  atlas.addOutline = (group, geojson, style) =>
    L.geoJSON(geojson, { style: () => style, interactive: false }).addTo(group);

  /* Larger areas below smaller ones, lines on top: a park inside a district stays reachable.
     Equal sizes keep the order the features were made in. */
  function stack(map) {
    Array.from(atlas.stateOf(map).features)
      .sort((a, b) => b.stackSize() - a.stackSize() || L.stamp(a) - L.stamp(b))
      .forEach((feature) => feature.bringToFront());
  }

  /* Keep the map's features stacked by size, also when an overlay is switched back on. */
  atlas.stackBySize = function (map) {
    map.on("overlayadd", () => stack(map));
    stack(map);
  };
})(window.gbaAtlas = window.gbaAtlas || {});
