/* @requires map-state.js */
/* L.AtlasOneTooltip (L.atlasOneTooltip): one tooltip at a time. Hovering or focusing a feature
   closes the tooltip of any other; the names on the map (permanent labels) stay. Added to a
   map it listens to the map's "tooltipopen"; removed, it stops. */
(function (atlas) {
  "use strict";

  L.AtlasOneTooltip = L.Class.extend({
    options: {},

    initialize(options) {
      L.setOptions(this, options);
      this._map = null;
    },

    addTo(map) {
      this.remove();
      this._map = map;
      map.on("tooltipopen", this._onOpen, this);
      return this;
    },

    remove() {
      if (!this._map) return this;
      this._map.off("tooltipopen", this._onOpen, this);
      this._map = null;
      return this;
    },

    _onOpen(event) {
      const map = this._map, state = atlas.stateOf(map), tooltip = event.tooltip;
      if (tooltip.options.permanent) return;
      if (state.tooltip && state.tooltip !== tooltip && map.hasLayer(state.tooltip)) {
        map.closeTooltip(state.tooltip);
      }
      state.tooltip = tooltip;
    },
  });

  L.atlasOneTooltip = (options) => new L.AtlasOneTooltip(options);
})(window.gbaAtlas = window.gbaAtlas || {});
