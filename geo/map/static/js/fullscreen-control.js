/* @requires i18n.js plugin-class.js */
/* L.Control.AtlasFullscreen (L.control.atlasFullscreen): leaflet.fullscreen 3.0.0's button, whose
   title and accessible name say what a press does, in the page's language (map.fullscreen,
   map.fullscreen.exit), set again when the language changes. */
(function (atlas) {
  "use strict";

  const { t } = atlas.i18n;
  const STATE = "gbalanguage enterFullscreen exitFullscreen";

  const Fullscreen = atlas.later(() => (L.Control.AtlasFullscreen = L.Control.FullScreen.extend({
    options: { position: "topleft" },

    onAdd(map) {
      this._titles();
      const node = L.Control.FullScreen.prototype.onAdd.call(this, map);
      this._full = false;  // the plugin keeps its state in a private map._isFullscreen: followed here from its events
      map.on(STATE, this._onState, this);
      this._sync();
      return node;
    },

    onRemove(map) {
      map.off(STATE, this._onState, this);
      /* leaflet.fullscreen 3.0.0 leaves this listener of its onAdd on the map */
      map.off("enterFullscreen exitFullscreen", this._toggleState, this);
      L.Control.FullScreen.prototype.onRemove.call(this, map);
    },

    _titles() {
      L.setOptions(this, { title: t("map.fullscreen"), titleCancel: t("map.fullscreen.exit") });
    },

    /* after the plugin's own listener, which sets the link's title from its state before the change */
    _onState(event) {
      if (event.type !== "gbalanguage") this._full = event.type === "enterFullscreen";
      this._titles();
      this._sync();
    },

    _sync() {
      const title = this._full ? this.options.titleCancel : this.options.title;
      this.link.title = title;
      this.link.setAttribute("aria-label", title);
    },
  })));

  L.control.atlasFullscreen = (options) => new (Fullscreen())(options);

  atlas.addFullscreen = function (map, options) {
    return L.control.atlasFullscreen(options).addTo(map);
  };
})(window.gbaAtlas = window.gbaAtlas || {});
