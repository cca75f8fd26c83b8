/* @requires details.js dom.js free-view.js i18n.js map-state.js */
/* L.AtlasFeatureLayer: one platform drawn as GeoJSON, with its tooltip, popup, hover
   highlight and name label.

   While on a map it is listed in that map's state (atlas.stateOf), where the size
   stacking and the label watcher of that map, and only of that map, find it. Its label
   shows while it is on a map whose labels are on, from the label's zoom on.

   On the keyboard each shape is a button named by spec.name (its name, area and verdict):
   focus brings it into view when none of it is in sight and shows its tooltip; Enter or
   Space opens its details (atlas.openDetails).

   L.atlasFeatureLayer({geojson, style, name, tooltip, popup, label: {text, at, min_zoom}}).addTo(group); */
(function (atlas) {
  "use strict";

  const { el, card } = atlas.dom;
  const { pick } = atlas.i18n;

  L.AtlasFeatureLayer = L.GeoJSON.extend({
    initialize(spec) {
      const missing = ["geojson", "style", "tooltip", "popup", "label"].filter((key) => !(key in spec));
      if (missing.length) throw new Error("L.atlasFeatureLayer: the spec lacks " + missing.join(", "));
      this._featureSpec = spec;
      L.GeoJSON.prototype.initialize.call(this, spec.geojson, {
        style: () => spec.style,
        onEachFeature: (_, path) => this._bindPath(path),
      });
      const box = this.getBounds();
      const area = (box.getNorth() - box.getSouth()) * (box.getEast() - box.getWest());
      this._stackSize = spec.style.fill === false ? 0 : area;
      const label = { permanent: true, direction: "center", className: "gba-label", interactive: false };
      this._label = L.tooltip(label)
        .setLatLng(spec.label.at)
        .setContent(el("span", null, pick(spec.label.text)));
    },

    _bindPath(path) {
      const spec = this._featureSpec;
      path.bindTooltip(card(pick(spec.tooltip), "gba-tooltip"), { sticky: true, direction: "top" });
      /* a click that a bulk layer (buildings inside this area, say) has answered is not ours */
      path.on("click", (e) => {
        /* the map a path is on: Leaflet 1.9.3 keeps it in the layer's _map (no getter) */
        if (atlas.stateOf(path._map).clickAnswered) return;
        this.openDetails(e.latlng);
      });
      path.on("add", () => this._makeButton(path));
      /* No bringToFront here: a hovered large area would then cover the small ones inside it. */
      path.on("mouseover", () => path.setStyle({ weight: (spec.style.weight || 2) + 2, fillOpacity: 0.45 }));
      path.on("mouseout", () => this.resetStyle(path));
    },

    /* The shape as a keyboard button: named, opened with Enter or Space, its tooltip shown on focus. */
    _makeButton(path) {
      const spec = this._featureSpec, node = path.getElement();
      if (!node || node.getAttribute("role") === "button") return;
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "button");
      node.setAttribute("aria-label", pick(spec.name) || pick(spec.tooltip).title);
      node.addEventListener("keydown", (event) => {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        event.stopPropagation();
        path.closeTooltip();
        this.openDetails(spec.label.at, node);
      });
      node.addEventListener("focus", () => {
        this._bringIntoView();
        path.openTooltip(spec.label.at);
      });
      node.addEventListener("blur", () => path.closeTooltip());
    },

    /* Focused while none of it is in the uncovered map (Tab from the Hong Kong Park to Nansha):
       frame it there, so that the focus never lands out of sight. */
    _bringIntoView() {
      const map = this._map;
      if (!map) return;
      const bounds = this.getBounds();
      const a = map.latLngToContainerPoint(bounds.getNorthWest()), b = map.latLngToContainerPoint(bounds.getSouthEast());
      const free = atlas.freeRect(map, Math.max(b.x - a.x, 1) / Math.max(b.y - a.y, 1));
      const seen = a.x < free.right && b.x > free.left && a.y < free.bottom && b.y > free.top;
      if (!seen) atlas.fitFree(map, bounds, { animate: false });
    },

    /* Open its details at a point (from: the element to give focus back to); the map hears
       "gbadetails" with its id (the permalink keeps it). */
    openDetails(at, from) {
      const map = this._map;
      if (!map) return;
      atlas.openDetails(map, card(pick(this._featureSpec.popup), "gba-popup"), at, from, this.getBounds());
      map.fire("gbadetails", { id: this._featureSpec.id });
    },

    featureId() {
      return this._featureSpec.id;
    },

    /* Put a section first in its details: section(lang) gives it in each language ({heading, items}). */
    prependDetails(section) {
      const popup = this._featureSpec.popup;
      Object.keys(popup).forEach((lang) => {
        popup[lang] = Object.assign({}, popup[lang], { sections: [section(lang)].concat(popup[lang].sections || []) });
      });
    },

    /* Where its name is written: a point inside it. */
    labelPoint() {
      return this._featureSpec.label.at;
    },

    /* Its box's area in square degrees (0 for lines): larger areas are stacked below smaller ones. */
    stackSize() {
      return this._stackSize;
    },

    /* The language changed: tooltip, accessible name and label in the new one. */
    _relabel() {
      const spec = this._featureSpec;
      this.eachLayer((path) => {
        path.setTooltipContent(card(pick(spec.tooltip), "gba-tooltip"));
        const node = path.getElement();
        if (node && node.getAttribute("role") === "button") node.setAttribute("aria-label", pick(spec.name));
      });
      this._label.setContent(el("span", null, pick(spec.label.text)));
    },

    onAdd(map) {
      L.GeoJSON.prototype.onAdd.call(this, map);
      atlas.stateOf(map).features.add(this);
      map.on("gbalanguage", this._relabel, this);
      this._relabel();
      this.updateLabel();
    },

    onRemove(map) {
      map.off("gbalanguage", this._relabel, this);
      L.GeoJSON.prototype.onRemove.call(this, map);
      atlas.stateOf(map).features.delete(this);
      this._label.remove();
    },

    /* The label's element while it is shown, else null. */
    labelElement() {
      return this._map && this._map.hasLayer(this._label) ? this._label.getElement() : null;
    },

    /* Show the name or not, for the map's zoom and labels switch. */
    updateLabel() {
      const map = this._map;
      const minZoom = this._featureSpec.label.min_zoom;
      const show = Boolean(map) && atlas.stateOf(map).labels && map.getZoom() >= minZoom;
      if (show && !map.hasLayer(this._label)) this._label.addTo(map);
      if (!show) this._label.remove();
    },
  });

  L.atlasFeatureLayer = (spec) => new L.AtlasFeatureLayer(spec);
})(window.gbaAtlas = window.gbaAtlas || {});
