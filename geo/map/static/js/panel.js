/* @requires checks.js copy-link.js details.js dom.js downloads.js goto.js i18n.js language-switch.js layer-list.js map-state.js sheet.js story.js tooltips.js */
/* L.Control.AtlasPanel (L.control.atlasPanel, atlas.addPanel): the story panel, an <aside>
   beside the map (over its left edge) on wide screens and a bottom sheet on phones
   (atlas.dom.narrow), holding the story, "Go to", the layers with their colours, and the
   checks; removed, it takes every listener it added with it. Its head (the title and a button) stays
   when it is folded: at first on phones and on short maps, at the reader's wish elsewhere.

   On phones a feature's details open at the top of the sheet (showDetails); Escape or the
   close button closes them and gives focus back to where it was. */
(function (atlas) {
  "use strict";

  const { el, button, narrow } = atlas.dom;
  const { t, pick } = atlas.i18n;
  const SHORT = 600;  // pixels: a map less high starts with the panel folded
  const NARROW = "(max-width: 640px)";  // the media query of atlas.dom.narrow
  let panels = 0;

  function head(title, toggle) {
    const node = el("div", "gba-side-head");
    node.appendChild(el("h1", "gba-side-title", title));
    node.appendChild(toggle);
    return node;
  }

  /* The details box at the top of the body: a close button and the feature's card. */
  function detailsBox() {
    const node = el("section", "gba-details");
    node.setAttribute("aria-label", t("map.details"));
    node.hidden = true;
    node.tabIndex = -1;
    return node;
  }

  /* The "Go to" list of the language now, a control; the one before it removed. */
  function goTo(parts, places) {
    if (parts.goTo) parts.goTo.remove();
    parts.goTo = L.control.atlasGoTo(places, { into: document.createDocumentFragment() }).addTo(parts.map);
    return parts.goTo.getContainer();
  }

  /* The story, "Go to", the layers, the checks and the data in the current language (spec: one per language). */
  function sections(parts, spec, overlays) {
    const map = parts.map, now = pick(spec);
    return [
      atlas.storySection(now.story),
      ...(atlas.stateOf(map).extraSections || []).map((make) => make()),
      goTo(parts, now.places),
      atlas.layerList(map, now.layers, overlays),
      atlas.checksSection(now.checks),
      atlas.dataSection(map),
    ].filter(Boolean);
  }

  /* The panel's nodes, with the language switch and "Copy link" added to its body. */
  function makeParts(map) {
    const id = "gba-side-" + ++panels;
    const node = el("aside", "gba-side");
    const toggle = button("gba-side-toggle", "");
    toggle.setAttribute("aria-controls", id);
    const body = el("div", "gba-side-body");
    body.id = id;
    const details = body.appendChild(detailsBox());
    const controls = [
      L.control.atlasLanguageSwitch({ into: body }).addTo(map),
      L.control.atlasCopyLink({ into: body }).addTo(map),
    ];
    const content = body.appendChild(el("div", "gba-side-content"));
    node.appendChild(head("", toggle));
    node.appendChild(body);
    return { map, node, toggle, body, details, content, controls, goTo: null };
  }

  L.Control.AtlasPanel = L.Control.extend({
    options: { position: "topleft", short: SHORT },

    /* spec: {story, places, layers, checks} in each language; overlays: the layer rows' overlays, in order. */
    initialize(spec, overlays, options) {
      L.setOptions(this, options);
      this.spec = spec;
      this.overlays = overlays;
      this._returnFocus = null;
      this._wasOpen = true;
    },

    /* beside the map, before its <main> (or its container), not in a corner of it */
    addTo(map) {
      this.remove();
      this._map = map;
      this._container = this.onAdd(map);
      map.on("unload", this.remove, this);
      return this;
    },

    onAdd(map) {
      const parts = (this._parts = makeParts(map));
      this.node = parts.node;
      this.render();
      const container = map.getContainer(), main = container.closest("main") || container;
      main.parentNode.insertBefore(parts.node, main);
      L.DomEvent.on(parts.toggle, "click", this._onToggle, this);
      L.DomEvent.on(parts.details, "click", this._onDetailsClick, this);
      atlas.stateOf(map).panel = this;
      map.on("gbalanguage", this._onLanguage, this);
      /* folded at first on phones, and on maps too short to hold it beside the view (a notebook's) */
      this.setOpen(this._roomy());
      this._narrow = window.matchMedia(NARROW);
      this._onNarrow = () => this.setOpen(this._roomy());
      this._narrow.addEventListener("change", this._onNarrow);
      this._helpers = [L.atlasCloseOnEscape().addTo(map), L.atlasOneTooltip().addTo(map)];
      this._sheet = L.atlasSheetGestures(this, parts.node.firstChild).enable();
      L.DomEvent.disableScrollPropagation(parts.node);
      return parts.node;
    },

    onRemove(map) {
      const parts = this._parts;
      L.DomEvent.off(parts.toggle, "click", this._onToggle, this);
      L.DomEvent.off(parts.details, "click", this._onDetailsClick, this);
      map.off("gbalanguage", this._onLanguage, this);
      this._narrow.removeEventListener("change", this._onNarrow);
      this._helpers.forEach((helper) => helper.remove());
      this._sheet.disable();
      L.DomEvent.off(parts.node, "wheel", L.DomEvent.stopPropagation);
      [...parts.controls, parts.goTo].forEach((part) => part.remove());
      if (atlas.stateOf(map).panel === this) atlas.stateOf(map).panel = null;
    },

    /* again, after a part added its section (atlas.addArticle) */
    render() {
      const { content, node, details } = this._parts, spec = this.spec;
      const checks = content.querySelector(".gba-panel");
      const open = Boolean(checks && checks.open);
      content.replaceChildren(...sections(this._parts, spec, this.overlays));
      content.querySelector(".gba-panel").open = open;
      node.setAttribute("aria-label", t("map.about"));
      details.setAttribute("aria-label", t("map.details"));
      node.querySelector(".gba-side-title").textContent = pick(spec).story.title;
      document.title = pick(spec).story.title;
    },

    isOpen() {
      return !this._parts.body.hidden;
    },

    setOpen(open) {
      const parts = this._parts;
      parts.body.hidden = !open;
      parts.node.classList.toggle("gba-folded", !open);
      /* on a phone the controls at the bottom of the map sit on the sheet's top edge */
      parts.map.getContainer().style.setProperty("--gba-sheet", parts.node.offsetHeight + "px");
      parts.toggle.setAttribute("aria-expanded", String(open));
      const what = narrow() ? "map.sheet." : "map.panel.";
      parts.toggle.setAttribute("aria-label", t(what + (open ? "hide" : "show")));
      parts.toggle.textContent = narrow() ? (open ? "\u25BE" : "\u25B4") : (open ? "\u2039" : "\u203A");
    },

    open() {
      this.setOpen(true);
    },

    close() {
      this.setOpen(false);
    },

    detailsOpen() {
      return !this._parts.details.hidden;
    },

    /* The details box at the top of the body: content, a DOM node; from, the element to refocus. */
    showDetails(content, from) {
      const parts = this._parts;
      if (!this.detailsOpen()) this._wasOpen = this.isOpen();
      this._returnFocus = from || null;
      parts.details.replaceChildren(button("gba-details-close", "\u00D7", t("map.details.close")), content);
      parts.details.hidden = false;
      this.open();
      parts.body.scrollTop = 0;
      parts.details.focus();
    },

    closeDetails() {
      const parts = this._parts;
      parts.details.hidden = true;
      parts.details.replaceChildren();
      parts.map.fire("gbadetailsclose");
      this.setOpen(this._wasOpen);
      if (this._returnFocus) this._returnFocus.focus();
      this._returnFocus = null;
    },

    _roomy() {
      return !narrow() && this._map.getContainer().clientHeight >= this.options.short;
    },

    _onToggle(event) {
      event.stopPropagation();
      this.setOpen(!this.isOpen());
    },

    /* the details' close button, made anew with each feature's details */
    _onDetailsClick(event) {
      if (event.target.closest(".gba-details-close")) this.closeDetails();
    },

    _onLanguage() {
      if (this.detailsOpen()) this.closeDetails();
      this._map.closePopup();
      this.render();
      this.setOpen(this.isOpen());
    },
  });

  L.control.atlasPanel = (spec, overlays, options) => new L.Control.AtlasPanel(spec, overlays, options);

  atlas.addPanel = function (map, spec, overlays) {
    return L.control.atlasPanel(spec, overlays).addTo(map);
  };
})(window.gbaAtlas = window.gbaAtlas || {});
