/* gba-atlas page script: what is drawn, handed to the notebook widget that holds the page
   (geo/notebook/widget.py). Only a map built for the widget does this (the draw control's
   spec.post_to_parent); a published map, even framed by another site, posts nothing.

   - page → widget: {source: "gba-atlas", type: "drawn", geojson}, after every shape drawn,
     edited or deleted: a FeatureCollection of the drawn shapes' geometries, polygons with
     counter-clockwise exteriors and clockwise holes (atlas.orientRings, draw-control.js);
   - widget → page: {source: "gba-atlas", type: "restore-drawn", geojson}, when the widget
     loads the page again (a layer was added): the shapes come back. Only geometries are read
     from it, and only from the window that holds the page. */
(function (atlas) {
  "use strict";

  const SOURCE = "gba-atlas";

  function restore(items, geojson) {
    if (!geojson || geojson.type !== "FeatureCollection" || !Array.isArray(geojson.features)) return;
    const geometries = geojson.features.map((feature) => feature && feature.geometry).filter(Boolean);
    items.clearLayers();
    geometries.forEach((geometry) => {
      try {
        L.geoJSON({ type: "Feature", properties: {}, geometry }).eachLayer((layer) => items.addLayer(layer));
      } catch {
        /* a shape the page cannot draw is left out; the widget keeps it in Python */
      }
    });
  }

  /* Post the drawn shapes to the window holding the page whenever they change; a function that
     stops it (L.AtlasDrawing's remove), or nothing for a page no window holds. */
  atlas.syncDrawn = function (map, items) {
    if (window.parent === window) return null;
    const post = () => window.parent.postMessage(
      { source: SOURCE, type: "drawn", geojson: atlas.orientRings(items.toGeoJSON()) }, "*"
    );
    const postLater = () => setTimeout(post, 0);
    const changed = [L.Draw.Event.EDITED, L.Draw.Event.DELETED].join(" ");
    const receive = (event) => {
      const data = event.data;
      if (event.source !== window.parent || !data || data.source !== SOURCE) return;
      if (data.type === "restore-drawn") restore(items, data.geojson);
    };
    map.on(L.Draw.Event.CREATED, postLater);
    map.on(changed, post);
    window.addEventListener("message", receive);
    return () => {
      map.off(L.Draw.Event.CREATED, postLater);
      map.off(changed, post);
      window.removeEventListener("message", receive);
    };
  };
})(window.gbaAtlas = window.gbaAtlas || {});
