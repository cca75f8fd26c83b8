/* gba-atlas page script: the features' names on the map, each shown from its zoom on while
   its overlay is on the map. Switched on per map, for that map's features only. */
(function (atlas) {
  "use strict";

  atlas.watchLabels = function (map) {
    const state = atlas.stateOf(map);
    const update = () => state.features.forEach((feature) => feature.updateLabel());
    state.labels = true;
    /* only zooming needs a pass: a feature added to or taken off the map sees to its own label */
    map.on("zoomend", update);
    update();
  };
})(window.gbaAtlas = window.gbaAtlas || {});
