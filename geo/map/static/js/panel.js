/* @requires checks.js copy-link.js details.js dom.js downloads.js goto.js i18n.js language-switch.js layer-list.js map-state.js sheet.js story.js tooltips.js */
/* gba-atlas page script: the story panel, an <aside> beside the map (over its left edge) on
   wide screens and a bottom sheet on phones (atlas.dom.narrow), holding the story, "Go to",
   the layers with their colours, and the checks. Its head (the title and a button) stays
   when it is folded: at first on phones and on short maps, at the reader's wish elsewhere.

   On phones a feature's details open at the top of the sheet (showDetails); Escape or the
   close button closes them and gives focus back to where it was. */
(function (atlas) {
  "use strict";

  const { el, button, narrow } = atlas.dom;
  const { t, pick } = atlas.i18n;
  const SHORT = 600;  // pixels: a map less high starts with the panel folded
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

  /* The story, "Go to", the layers, the checks and the data in the current language (spec: one per language). */
  function sections(map, spec, overlays) {
    const now = pick(spec);
    return [
      atlas.storySection(now.story),
      ...(atlas.stateOf(map).extraSections || []).map((make) => make()),
      atlas.goToList(map, now.places),
      atlas.layerList(map, now.layers, overlays),
      atlas.checksSection(now.checks),
      atlas.dataSection(map),
    ].filter(Boolean);
  }

  function makePanel(map, spec, overlays) {
    const id = "gba-side-" + ++panels;
    const node = el("aside", "gba-side");
    const toggle = button("gba-side-toggle", "");
    toggle.setAttribute("aria-controls", id);
    const body = el("div", "gba-side-body");
    body.id = id;
    const details = body.appendChild(detailsBox());
    body.appendChild(atlas.languageSwitch(map));
    body.appendChild(atlas.copyLink(map));
    const content = el("div", "gba-side-content");
    body.appendChild(content);
    node.appendChild(head("", toggle));
    node.appendChild(body);
    const parts = { map, node, toggle, body, details };
    parts.render = () => {
      const checks = content.querySelector(".gba-panel");
      const open = Boolean(checks && checks.open);
      content.replaceChildren(...sections(map, spec, overlays));
      content.querySelector(".gba-panel").open = open;
      node.setAttribute("aria-label", t("map.about"));
      details.setAttribute("aria-label", t("map.details"));
      node.querySelector(".gba-side-title").textContent = pick(spec).story.title;
      document.title = pick(spec).story.title;
    };
    parts.render();
    return parts;
  }

  /* The panel's behaviour: open and close, and the details box. */
  function control(parts) {
    let returnFocus = null, wasOpen = true;
    const panel = {
      node: parts.node,
      isOpen: () => !parts.body.hidden,
      setOpen(open) {
        parts.body.hidden = !open;
        parts.node.classList.toggle("gba-folded", !open);
        /* on a phone the controls at the bottom of the map sit on the sheet's top edge */
        parts.map.getContainer().style.setProperty("--gba-sheet", parts.node.offsetHeight + "px");
        parts.toggle.setAttribute("aria-expanded", String(open));
        const what = narrow() ? "map.sheet." : "map.panel.";
        parts.toggle.setAttribute("aria-label", t(what + (open ? "hide" : "show")));
        parts.toggle.textContent = narrow() ? (open ? "\u25BE" : "\u25B4") : (open ? "\u2039" : "\u203A");
      },
      open: () => panel.setOpen(true),
      close: () => panel.setOpen(false),
      detailsOpen: () => !parts.details.hidden,
      showDetails(content, from) {
        if (!panel.detailsOpen()) wasOpen = panel.isOpen();
        returnFocus = from || null;
        parts.details.replaceChildren(button("gba-details-close", "\u00D7", t("map.details.close")), content);
        parts.details.firstChild.addEventListener("click", () => panel.closeDetails());
        parts.details.hidden = false;
        panel.open();
        parts.body.scrollTop = 0;
        parts.details.focus();
      },
      closeDetails() {
        parts.details.hidden = true;
        parts.details.replaceChildren();
        parts.map.fire("gbadetailsclose");
        panel.setOpen(wasOpen);
        if (returnFocus) returnFocus.focus();
        returnFocus = null;
      },
    };
    parts.toggle.addEventListener("click", (event) => {
      event.stopPropagation();
      panel.setOpen(!panel.isOpen());
    });
    return panel;
  }

  /* spec: {story, places, layers, checks}; overlays: the layer rows' overlays, in order. */
  atlas.addPanel = function (map, spec, overlays) {
    const parts = makePanel(map, spec, overlays);
    const container = map.getContainer(), main = container.closest("main") || container;
    main.parentNode.insertBefore(parts.node, main);
    const panel = control(parts);
    panel.render = () => parts.render();  /* again, after a part added its section (atlas.addArticle) */
    atlas.stateOf(map).panel = panel;
    map.on("gbalanguage", () => {
      if (panel.detailsOpen()) panel.closeDetails();
      map.closePopup();
      parts.render();
      panel.setOpen(panel.isOpen());
    });
    /* folded at first on phones, and on maps too short to hold it beside the view (a notebook's) */
    const roomy = () => !narrow() && container.clientHeight >= SHORT;
    panel.setOpen(roomy());
    window.matchMedia("(max-width: 640px)").addEventListener("change", () => panel.setOpen(roomy()));
    atlas.sheetGestures(panel, parts.node.firstChild);
    atlas.closeDetailsOnEscape(map);
    atlas.oneTooltip(map);
    L.DomEvent.disableScrollPropagation(parts.node);
  };
})(window.gbaAtlas = window.gbaAtlas || {});
