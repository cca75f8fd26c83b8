/* @requires i18n.js plugin-class.js */
/* L.Control.AtlasMousePosition (L.control.atlasMousePosition): Leaflet.MousePosition 1.2.0's
   latitude and longitude, prefixed in the page's language (map.position.prefix). Empty (and
   hidden, see atlas.css) until the pointer is on the map. */
(function (atlas) {
  "use strict";

  const { t } = atlas.i18n;

  const MousePosition = atlas.later(() => (L.Control.AtlasMousePosition = L.Control.MousePosition.extend({
    options: { emptyString: "" },

    onAdd(map) {
      this._onLanguage();
      map.on("gbalanguage", this._onLanguage, this);
      return L.Control.MousePosition.prototype.onAdd.call(this, map);
    },

    onRemove(map) {
      map.off("gbalanguage", this._onLanguage, this);
      /* Leaflet.MousePosition 1.2.0 removes its listener without the context it added it with,
         which leaves it on the map */
      map.off("mousemove", this._onMouseMove, this);
    },

    _onLanguage() {
      this.options.prefix = t("map.position.prefix");
    },
  })));

  L.control.atlasMousePosition = (options) => new (MousePosition())(options);

  atlas.addMousePosition = function (map, options) {
    return L.control.atlasMousePosition(options).addTo(map);
  };
})(window.gbaAtlas = window.gbaAtlas || {});
