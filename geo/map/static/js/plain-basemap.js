/* @requires dom.js free-view.js i18n.js map-state.js */
/* gba-atlas page script: the plain base map ("Plain"), drawn with no tiles at all from the
   Natural Earth payload of geo/map/plain.py: water is the map's background, then the land,
   the boundaries of Hong Kong and Macao with the Mainland (dash-dot) and the eleven cities.

   It is a base map of the layer control, and the one the map switches to when the tiles
   cannot load: when a tile base map on the map has had FAILURES tile errors and not one tile
   loaded since it was put on the map, or when a whole view of its tiles failed. A quiet note
   in the bottom corner then says so; it can be dismissed, and goes when a tile base map is
   chosen again. The overview map (leaflet-minimap) follows the plain map too.

   City names come from atlas.cityName(city, lang): "en" (the default), "zh-Hant" or
   "zh-Hans"; atlas.stateOf(map).plain.setLanguage(lang) switches them. */
(function (atlas) {
  "use strict";

  const { el, button } = atlas.dom;

  /* The note's texts, in the page's language (the catalogue's map.plain.* keys). */
  const text = (key) => (atlas.i18n ? atlas.i18n.t(key) : key);
  const PANE = "gbaPlain";
  /* the cities' names: above the features' shapes and lines, below their names (the tooltip pane) */
  const LABEL_PANE = "gbaPlainLabels";
  /* on the map's container while the plain map is shown: water is its background (atlas.css) */
  const SHOWN = "gba-plain-on";
  const STYLE = {
    land: { color: "#b5ab94", weight: 0.8, fillColor: "#f1ece0", fillOpacity: 1, interactive: false },
    border: { color: "#5c4a6e", weight: 2, opacity: 0.9, dashArray: "8 4 2 4", fill: false, interactive: false },
  };
  /* tile errors, with none loaded, that make the map fall back to the plain map */
  const FAILURES = 3;
  /* milliseconds a tile map may take to show its first tile before the map falls back: tile
     servers that never answer (a network that drops packets) raise no error for long */
  const HANG = 4000;

  /* A city's name in a language tag ("en", "zh-Hant", "zh-Hans"); English when it has none in it. */
  atlas.cityName = function (city, lang) {
    const names = city.names || {};
    return names[lang] || names.en || "";
  };

  const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  /* Leaflet shows attributions as HTML: the payload's credit goes in as text. */
  const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);

  /* Put a city's name in a language into its label: the text and its lang. */
  function nameLabel(node, city, lang) {
    node.textContent = atlas.cityName(city, lang);
    node.lang = city.names && city.names[lang] ? lang : "en";
    return node;
  }

  function cityMarker(city, lang) {
    const name = nameLabel(el("span", "gba-plain-city-name"), city, lang);
    const icon = L.divIcon({ className: "gba-plain-city", html: name, iconSize: null, iconAnchor: [4, 8] });
    const marker = L.marker([city.lat, city.lon], { icon, pane: LABEL_PANE, interactive: false, keyboard: false });
    return { city, name, marker };
  }

  /* L.AtlasPlain(data, {cities}): the plain map as one layer; data is the payload
     {land, borders, cities, attribution}. Without cities (the overview map's) it is land and lines. */
  L.AtlasPlain = L.Layer.extend({
    /* the zooms the map allows while it is the only base map (those of the street map) */
    options: { cities: true, lang: "en", minZoom: 0, maxZoom: 19 },

    initialize(data, options) {
      L.setOptions(this, options);
      this._data = data;
      this._labels = [];
    },

    /* the zoom range of the plain map as a tile layer gives its own: Leaflet 1.9.3 (private, no API) */
    beforeAdd(map) {
      map._addZoomLimit(this);
    },

    onAdd(map) {
      if (!map.getPane(PANE)) {
        const pane = map.createPane(PANE);
        pane.style.zIndex = 200;  // where the tiles would be
        pane.setAttribute("aria-hidden", "true");  // a picture: the places are named in the panel
        const labels = map.createPane(LABEL_PANE);
        labels.style.zIndex = 640;
        labels.style.pointerEvents = "none";
        labels.setAttribute("aria-hidden", "true");
      }
      if (!this._group) this._group = this._build(this._lang || atlas.stateOf(map).lang || this.options.lang);
      else if (atlas.stateOf(map).lang) this.setLanguage(atlas.stateOf(map).lang);
      map.getContainer().classList.add(SHOWN);
      this._group.addTo(map);
      map.on("gbalanguage", this._followLanguage, this);
    },

    onRemove(map) {
      map.off("gbalanguage", this._followLanguage, this);
      map._removeZoomLimit(this);
      map.removeLayer(this._group);
      map.getContainer().classList.remove(SHOWN);
    },

    /* The cities' labels now on the map (their marker's element), for the label pass (labels.js). */
    labelNodes() {
      return this._labels.map(({ marker }) => marker.getElement()).filter(Boolean);
    },

    getAttribution() {
      return escapeHtml(this._data.attribution);
    },

    _followLanguage(event) {
      this.setLanguage(event.lang);
    },

    /* Name the cities in another language ("en", "zh-Hant", "zh-Hans"). */
    setLanguage(lang) {
      this._lang = lang;
      this._labels.forEach(({ city, name }) => nameLabel(name, city, lang));
      return this;
    },

    _build(lang) {
      const renderer = L.svg({ pane: PANE });
      const options = (style) => ({ pane: PANE, renderer, style, interactive: false });
      const group = L.layerGroup([
        L.geoJSON(this._data.land, options({ ...STYLE.land, className: "gba-plain-land" })),
        L.geoJSON(this._data.borders, options((feature) => ({
          ...STYLE.border, className: "gba-plain-border gba-plain-border-" + feature.id,
        }))),
      ]);
      if (this.options.cities) {
        this._labels = this._data.cities.map((city) => cityMarker(city, lang));
        this._labels.forEach(({ marker }) => group.addLayer(marker));
      }
      return group;
    },
  });

  /* The overview maps made on the page, so that they can follow the plain map. */
  function trackMiniMaps() {
    if (!L.Control.MiniMap || atlas.miniMaps) return;
    atlas.miniMaps = [];
    L.Control.MiniMap.addInitHook(function () { atlas.miniMaps.push(this); });
  }

  function followInMiniMaps(map, data) {
    (atlas.miniMaps || []).forEach((minimap) => {
      /* leaflet-minimap 3.6.1 names the map an overview follows only in its private _mainMap (no API) */
      if (minimap._mainMap === map) minimap.changeLayer(new L.AtlasPlain(data, { cities: false }));
    });
  }

  function hideNote(map) {
    const state = atlas.stateOf(map);
    if (state.plainNote) state.plainNote.remove();
    state.plainNote = null;
  }

  /* L.Control.AtlasPlainNote: "Map tiles could not load; showing the plain map", on the
     attribution's line, with a × to dismiss it; its words follow the page's language. */
  L.Control.AtlasPlainNote = L.Control.extend({
    options: { position: "bottomright" },

    onAdd(map) {
      const box = el("div", "gba-plain-note");
      box.setAttribute("role", "status");
      this._note = box.appendChild(el("span", null, text("map.plain.note")));
      this._close = box.appendChild(button("gba-plain-note-close", "\u00d7", text("map.plain.dismiss")));
      this._onClose = () => {
        hideNote(map);
        map.getContainer().focus();
      };
      this._close.addEventListener("click", this._onClose);
      map.on("gbalanguage", this._onLanguage, this);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    },

    onRemove(map) {
      this._close.removeEventListener("click", this._onClose);
      map.off("gbalanguage", this._onLanguage, this);
    },

    _onLanguage() {
      this._note.textContent = text("map.plain.note");
      this._close.setAttribute("aria-label", text("map.plain.dismiss"));
    },
  });

  L.control.atlasPlainNote = (options) => new L.Control.AtlasPlainNote(options);

  function showNote(map) {
    const state = atlas.stateOf(map);
    if (state.plainNote) return;
    state.plainNote = L.control.atlasPlainNote().addTo(map);
    const node = state.plainNote.getContainer();
    node.parentNode.appendChild(node);  // after the attribution: beside it rather than above the overview
    map.fire("gbacovered");  // the first view is framed again clear of it (atlas.openOn)
  }

  function fallBack(map, tiles, plain) {
    map.removeLayer(tiles);
    map.addLayer(plain);
    showNote(map);
  }

  /* Watch every tile layer put on the map; fall back to the plain map when its tiles fail, or
     when none has come HANG ms after the layer was put on the map. */
  function watchTiles(map, plain) {
    const watched = new Set();
    const watch = (layer) => {
      if (!(layer instanceof L.TileLayer) || watched.has(layer)) return;
      watched.add(layer);
      let failed = 0, loaded = 0, timer = null;
      const check = (wholeView, hung) => {
        if (loaded || !map.hasLayer(layer) || map.hasLayer(plain)) return;
        if (hung || failed >= FAILURES || (wholeView && failed)) fallBack(map, layer, plain);
      };
      const wait = () => {
        clearTimeout(timer);
        timer = setTimeout(() => check(false, true), HANG);
      };
      layer.on("add", () => { failed = loaded = 0; wait(); });
      layer.on("remove", () => clearTimeout(timer));
      layer.on("tileload", () => { loaded += 1; clearTimeout(timer); });
      layer.on("tileerror", () => { failed += 1; check(false); });
      layer.on("load", () => check(true));
      if (map.hasLayer(layer)) wait();
    };
    map.eachLayer(watch);
    map.on("layeradd", (event) => watch(event.layer));
  }

  /* The plain map of a map: a base layer for the layer control (returned), watching the tiles. */
  atlas.addPlain = function (map, data) {
    const plain = new L.AtlasPlain(data);
    atlas.stateOf(map).plain = plain;
    trackMiniMaps();
    map.on("baselayerchange", (event) => {
      if (event.layer === plain) followInMiniMaps(map, data);
      else hideNote(map);
    });
    watchTiles(map, plain);
    return plain;
  };
})(window.gbaAtlas = window.gbaAtlas || {});
