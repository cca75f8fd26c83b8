/* @requires i18n.js plugin-class.js */
/* L.Control.AtlasMiniMap (L.control.atlasMiniMap): leaflet-minimap 3.6.1's overview map, showing
   the base map the map shows, with its fold button named in the page's language. */
(function (atlas) {
  "use strict";

  const { t } = atlas.i18n;
  /* The reader's own moves of the overview: only those in the last READER ms move the main map. */
  const READER = 1500;  // ms
  const TOUCHES = ["pointerdown", "wheel", "touchstart", "keydown"];

  const strings = () => ({ hideText: t("map.minimap.hide"), showText: t("map.minimap.show") });

  const MiniMap = atlas.later(() => (L.Control.AtlasMiniMap = L.Control.MiniMap.extend({
    /* tiles: [{name, url, attribution}] of the map's base maps, the first shown at first */
    options: { tiles: [], collapsedWidth: 24, collapsedHeight: 24 },

    initialize(options) {
      const tiles = (options && options.tiles) || [];
      L.Control.MiniMap.prototype.initialize.call(this, this._tileLayer(tiles[0]), Object.assign({ strings: strings() }, options));
    },

    onAdd(map) {
      const node = L.Control.MiniMap.prototype.onAdd.call(this, map);
      this._touched = 0;
      this._onTouch = () => { this._touched = Date.now(); };
      TOUCHES.forEach((type) => node.addEventListener(type, this._onTouch, { capture: true, passive: true }));
      map.on("gbalanguage", this._onLanguage, this);
      map.on("baselayerchange", this._onBaseLayer, this);
      return node;
    },

    onRemove(map) {
      TOUCHES.forEach((type) => this._container.removeEventListener(type, this._onTouch, { capture: true }));
      map.off("gbalanguage", this._onLanguage, this);
      map.off("baselayerchange", this._onBaseLayer, this);
      L.Control.MiniMap.prototype.onRemove.call(this, map);
      /* leaflet-minimap 3.6.1 leaves its overview map (and that map's listeners on the window) in place */
      this._miniMap.remove();
    },

    _tileLayer(tiles) {
      return L.tileLayer(tiles ? tiles.url : "", { attribution: tiles ? tiles.attribution : "" });
    },

    _onBaseLayer(event) {
      const tiles = this.options.tiles.find((each) => each.name === event.name);
      if (tiles) this.changeLayer(this._tileLayer(tiles));
    },

    /* The fold button (no API for it): its title says what a press does. leaflet-minimap marks the
       folded state with a "minimized-<corner>" class on it. */
    _onLanguage() {
      this.options.strings = strings();
      const toggle = this._container && this._container.querySelector(".leaflet-control-minimap-toggle-display");
      if (toggle) toggle.title = /\bminimized-/.test(toggle.className) ? this.options.strings.showText : this.options.strings.hideText;
    },

    /* leaflet-minimap 3.6.1 (private method, no API for it) moves the main map to its own centre
       after each of its moves that the main map did not start; two quick moves of the main map
       (the first view, framed again when the tiles' note appears) confuse that bookkeeping, and
       the main map jumps back to the overview's rounded centre. Here only the reader's own moves
       of the overview (a drag, a click, the wheel, a key in the last 1.5 s) move the main map. */
    _onMiniMapMoved(event) {
      if (Date.now() - this._touched < READER) {
        L.Control.MiniMap.prototype._onMiniMapMoved.call(this, event);
      } else {
        this._mainMapMoving = false;
      }
    },
  })));

  L.control.atlasMiniMap = (options) => new (MiniMap())(options);

  /* spec: {position, toggleDisplay, width, height, tiles}; folded at first on a map too short for it
     beside the tools (a notebook's) */
  atlas.addMiniMap = function (map, spec) {
    return L.control.atlasMiniMap(Object.assign({ minimized: map.getSize().y < 600 }, spec)).addTo(map);
  };
})(window.gbaAtlas = window.gbaAtlas || {});
