/* @requires map-state.js */
/* gba-atlas page script: one tooltip at a time. Hovering or focusing a feature closes the
   tooltip of any other; the names on the map (permanent labels) stay. */
(function (atlas) {
  "use strict";

  atlas.oneTooltip = function (map) {
    const state = atlas.stateOf(map);
    const onOpen = (event) => {
      const tooltip = event.tooltip;
      if (tooltip.options.permanent) return;
      if (state.tooltip && state.tooltip !== tooltip && map.hasLayer(state.tooltip)) {
        map.closeTooltip(state.tooltip);
      }
      state.tooltip = tooltip;
    };
    map.on("tooltipopen", onOpen);
    return () => map.off("tooltipopen", onOpen);
  };
})(window.gbaAtlas = window.gbaAtlas || {});
