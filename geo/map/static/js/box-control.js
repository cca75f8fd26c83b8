/* L.Control.AtlasBox: a control holding one box that a function builds when the control is
   added to a map (the title, panel, legend, "Go to" list and export link are such boxes).
   Clicks and scrolls inside the box stay in it and do not move the map.

   L.control.atlasBox((map) => node, { position: "topleft" }).addTo(map); */
(function () {
  "use strict";

  L.Control.AtlasBox = L.Control.extend({
    options: { position: "topleft" },

    initialize(build, options) {
      if (typeof build !== "function") {
        throw new TypeError("L.control.atlasBox needs a function that builds its box");
      }
      L.setOptions(this, options);
      this._build = build;
    },

    onAdd(map) {
      const node = this._build(map);
      L.DomEvent.disableClickPropagation(node);
      L.DomEvent.disableScrollPropagation(node);
      return node;
    },
  });

  L.control.atlasBox = (build, options) => new L.Control.AtlasBox(build, options);
})();
