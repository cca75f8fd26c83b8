/* @requires free-view.js i18n.js map-state.js */
/* gba-atlas page script: the map's view kept in the URL's fragment, so that a link opens the
   map as it was left, e.g. #lang=zh-Hant&c=22.51480,114.07900&z=15&base=plain&off=qianhai&f=hetao_hk_park
   lang: the language (i18n.js keeps it); c: the centre (latitude,longitude, to about a pixel
   at that zoom) and z: the zoom, both or neither; base: the base map (street, satellite,
   plain); off: the layer rows switched off (their ids, comma-separated: a feature's id, or
   a layer's slug with ".outline" or ".all", see geo/map/build.py); f: the feature whose
   details are open. The README's "Embedding and linking" documents them.

   It is written with history.replaceState a moment after the map stops changing (never a
   history entry per pan), and read when the map opens (replacing the first view: atlas.openOn
   then leaves it) and when the fragment changes (a link pasted into the same tab). A value is
   only ever compared with what the map has: unknown ids, numbers out of range and anything
   else are ignored; nothing in the fragment is evaluated or shown. Only the first map of a
   page keeps its view in the URL (a page has one fragment); any other map leaves it alone. */
(function (atlas) {
  "use strict";

  const WAIT = 300;  // ms after the last change before the URL is written (options.wait)
  const NUMBER = /^-?\d{1,3}(\.\d{1,12})?$/;
  const layerControls = [];
  let owner = null;  // the L.AtlasPermalink that keeps its map's view in the URL

  /* Leaflet's layer controls, so that a map's base maps can be found (folium makes its control). */
  L.Control.Layers.addInitHook(function () { layerControls.push(this); });

  const fragment = () => new URLSearchParams(window.location.hash.replace(/^#/, ""));

  /* A number written plainly (no exponent, NaN or Infinity) within [low, high], else null. */
  function number(text, low, high) {
    if (!NUMBER.test(text || "")) return null;
    const value = Number(text);
    return value >= low && value <= high ? value : null;
  }

  /* The base map's id: the end of its catalogue key (map.base.plain: "plain"), or its name as a slug. */
  function baseId(name) {
    const en = atlas.i18n.messagesOf("en");
    const key = Object.keys(en).find((k) => k.startsWith("map.base.") && en[k] === name);
    return key ? key.slice("map.base.".length) : String(name).toLowerCase().replace(/[^a-z0-9]+/g, "-");
  }

  /* [{id, layer}] of the map's base maps, from its layer control. */
  function baseMaps(map) {
    /* Leaflet 1.9.3 lists a layer control's layers only in its private _layers (no API for them) */
    const control = layerControls.find((c) => c._map === map);
    return control ? control._layers.filter((e) => !e.overlay).map((e) => ({ id: baseId(e.name), layer: e.layer })) : [];
  }

  function setBase(map, id) {
    const bases = baseMaps(map), chosen = bases.find((b) => b.id === id);
    if (!chosen || map.hasLayer(chosen.layer)) return;
    bases.forEach((b) => { if (map.hasLayer(b.layer)) map.removeLayer(b.layer); });
    map.addLayer(chosen.layer);  // the layer control marks it and fires "baselayerchange"
  }

  /* Switch each layer row on or off (off: a Set of row ids); true when one changed. */
  function setRows(map, keep, off) {
    let changed = false;
    keep.rows.forEach((id, index) => {
      const overlay = keep.overlays[index], on = !off.has(id);
      if (!overlay || map.hasLayer(overlay) === on) return;
      if (on) map.addLayer(overlay); else map.removeLayer(overlay);
      map.fire(on ? "overlayadd" : "overlayremove", { layer: overlay });
      changed = true;
    });
    return changed;
  }

  /* Centre and zoom from the fragment, when both are there and sound; true when set. */
  function setView(map, params) {
    const zoom = number(params.get("z"), map.getMinZoom(), Math.min(map.getMaxZoom(), 30));
    const parts = (params.get("c") || "").split(",");
    const centre = parts.length === 2 ? [number(parts[0], -85.06, 85.06), number(parts[1], -180, 180)] : [null];
    if (zoom === null || centre.includes(null)) return false;
    map.setView(centre, zoom, { animate: false });
    return true;
  }

  /* Open the details of the feature with that id, as a click would; false when it is not shown. */
  function openFeature(map, id) {
    const feature = Array.from(atlas.stateOf(map).features).find((f) => f.featureId() === id);
    if (feature) feature.openDetails(feature.labelPoint());
    return Boolean(feature);
  }

  function closeDetails(map) {
    const panel = atlas.stateOf(map).panel;
    if (panel && panel.detailsOpen()) panel.closeDetails();
    map.closePopup();
  }

  /* Apply a fragment's base map, rows and view: {rows: whether a row changed, view: whether it moved}. */
  function apply(map, keep, params) {
    setBase(map, params.get("base"));
    const rows = setRows(map, keep, new Set((params.get("off") || "").split(",")));
    const view = setView(map, params);
    if (view) atlas.stateOf(map).viewFromUrl = true;
    return { rows, view };
  }

  /* Then the feature's details (once the panel is there); their popup may pan the map: back to the link's view. */
  function applyDetails(map, keep, params, moved) {
    const id = params.get("f"), view = { centre: map.getCenter(), zoom: map.getZoom() };
    if (id && id !== keep.selected && openFeature(map, id)) keep.selected = id;
    if (!id && keep.selected) closeDetails(map);
    if (moved) map.setView(view.centre, view.zoom, { animate: false });
  }

  function decimals(zoom) {
    return Math.max(0, Math.ceil(Math.log10((256 * Math.pow(2, zoom)) / 360)));
  }

  /* The fragment for the map as it is now (other parameters in it stay). */
  function current(map, keep) {
    const params = fragment(), zoom = map.getZoom(), centre = map.wrapLatLng(map.getCenter());
    const digits = decimals(zoom), base = baseMaps(map).find((b) => map.hasLayer(b.layer));
    const off = keep.rows.filter((id, index) => keep.overlays[index] && !map.hasLayer(keep.overlays[index]));
    const put = (key, value) => (value ? params.set(key, value) : params.delete(key));
    put("lang", atlas.i18n.current());
    put("c", centre.lat.toFixed(digits) + "," + centre.lng.toFixed(digits));
    put("z", String(Math.round(zoom * 100) / 100));
    put("base", base && base.id);
    put("off", Array.from(new Set(off)).join(","));
    put("f", keep.selected);
    /* commas are kept as they are: the centre and the lists read better */
    return "#" + Array.from(params, ([k, v]) => encodeURIComponent(k) + "=" + encodeURIComponent(v).replace(/%2C/g, ","))
      .join("&");
  }

  function write(map, keep) {
    clearTimeout(keep.timer);
    keep.timer = null;
    const hash = current(map, keep);
    if (hash === window.location.hash) return;
    try {
      window.history.replaceState(window.history.state, "", hash);
      keep.written = window.location.hash;
    } catch {
      /* a page that cannot change its URL (an iframe's srcdoc, say) keeps no view */
    }
  }

  /* What changes the view, and so the fragment (written options.wait ms after the last of them). */
  const CHANGES = "moveend baselayerchange overlayadd overlayremove";

  /* L.AtlasPermalink (L.atlasPermalink, atlas.keepInUrl): keeps its map's view in the URL's
     fragment. Added to a map, it applies the fragment (base map and rows at once, the details
     a moment later, once the panel is there), then follows the map and the fragment; removed,
     it takes every listener it added and clears its timers. Only one map of a page keeps its
     view in the URL (a page has one fragment): adding a second permalink while one is on a
     map does nothing until the first is removed. */
  L.AtlasPermalink = L.Class.extend({
    options: { wait: WAIT },  // ms after the last change before the URL is written

    /* spec: {rows: the layer rows' ids}; overlays: their overlays, in the same order. */
    initialize(spec, overlays, options) {
      L.setOptions(this, options);
      this._rows = spec.rows;
      this._overlays = overlays;
      this._map = null;
      this._start = null;
    },

    addTo(map) {
      this.remove();
      if (owner) return this;
      owner = this;
      this._map = map;
      const keep = (this._keep = { rows: this._rows, overlays: this._overlays, selected: null, reopen: null,
        timer: null, written: null });
      atlas.stateOf(map).permalink = this;
      /* heard before the panel's own listener closes the details (the permalink is added before the panel) */
      map.on("gbalanguage", this._onLanguageFirst, this);
      map.on("unload", this.remove, this);
      const params = fragment(), changed = apply(map, keep, params);
      this._start = setTimeout(() => {
        this._start = null;
        applyDetails(map, keep, params, changed.view);
        this._follow(map);
      }, 0);
      return this;
    },

    remove() {
      const map = this._map;
      if (!map) return this;
      clearTimeout(this._start);
      clearTimeout(this._keep.timer);
      this._start = this._keep.timer = null;
      map.off("gbalanguage", this._onLanguageFirst, this);
      map.off("unload", this.remove, this);
      map.off(CHANGES, this._later, this);
      map.off("gbalanguage", this._onLanguage, this);
      map.off("gbadetails", this._onDetails, this);
      map.off("popupclose gbadetailsclose", this._onClose, this);
      L.DomEvent.off(window, "hashchange", this._onPaste, this);
      if (atlas.stateOf(map).permalink === this) atlas.stateOf(map).permalink = null;
      if (owner === this) owner = null;
      this._map = null;
      return this;
    },

    /* The URL of the map as it is now, its fragment written first (for "Copy link"). */
    link() {
      if (this._map) write(this._map, this._keep);
      return window.location.href;
    },

    /* Follow the map (what changes the view, and which feature's details are open) and the fragment. */
    _follow(map) {
      map.on(CHANGES, this._later, this);
      map.on("gbalanguage", this._onLanguage, this);
      map.on("gbadetails", this._onDetails, this);
      map.on("popupclose gbadetailsclose", this._onClose, this);
      L.DomEvent.on(window, "hashchange", this._onPaste, this);
    },

    _later() {
      const keep = this._keep, map = this._map;
      clearTimeout(keep.timer);
      keep.timer = setTimeout(() => write(map, keep), this.options.wait);
    },

    _onLanguageFirst() {
      this._keep.reopen = this._keep.selected;
    },

    /* the panel has closed the details written in the old language: open them again in the new one */
    _onLanguage() {
      const keep = this._keep, id = keep.reopen;
      keep.reopen = null;
      if (id) openFeature(this._map, id);
      this._later();
    },

    _onDetails(event) {
      this._keep.selected = event.id;
      this._later();
    },

    _onClose() {
      this._keep.selected = null;
      this._later();
    },

    /* A link pasted into the same tab: apply it (the panel's switches re-drawn when rows changed). */
    _onPaste() {
      const map = this._map, keep = this._keep;
      if (window.location.hash === keep.written) return;
      const params = fragment(), changed = apply(map, keep, params);
      if (changed.rows) {
        keep.selected = null;  // the link says which details to open, not the re-drawn panel
        atlas.i18n.setLanguage(atlas.i18n.current(), { remember: false });
      }
      applyDetails(map, keep, params, changed.view);
    },
  });

  L.atlasPermalink = (spec, overlays, options) => new L.AtlasPermalink(spec, overlays, options);

  /* The URL of the map as it is now: its fragment written first when the map keeps it. */
  atlas.linkNow = function (map) {
    const permalink = atlas.stateOf(map).permalink;
    return permalink ? permalink.link() : window.location.href;
  };

  /* spec: {rows: the layer rows' ids}; overlays: their overlays, in order. Called before the
     panel and the first view (atlas.openOn), so that the panel's switches show what is on. */
  atlas.keepInUrl = function (map, spec, overlays) {
    return L.atlasPermalink(spec, overlays).addTo(map);
  };
})(window.gbaAtlas = window.gbaAtlas || {});
