/* L.Control.AtlasPanelPart: the base of the controls that sit in the story panel (the language
   switch, "Copy link", "Go to"): given options.into, an element or a fragment, addTo puts the
   control's node at the end of it, as it is, instead of in a corner of the map; remove() takes
   it out again and calls onRemove, as for any control. Without options.into it is an ordinary
   control. */
(function () {
  "use strict";

  L.Control.AtlasPanelPart = L.Control.extend({
    options: { position: "topleft", into: null },

    addTo(map) {
      if (!this.options.into) return L.Control.prototype.addTo.call(this, map);
      this.remove();
      this._map = map;
      this._container = this.onAdd(map);
      this.options.into.appendChild(this._container);
      map.on("unload", this.remove, this);
      return this;
    },
  });
})();
