/* gba-atlas page script: the map tools as buttons for screen readers: each icon link of a
   control gets role="button" and its title as its name; toggles announce their state
   (aria-pressed for draw tools and full screen, aria-expanded for the minimap). */
(function (atlas) {
  "use strict";

  /* The buttons already followed: labelControls runs again when a tool is added or moved (the
     drawing tools on a phone), and adds no second observer or listener for the same button. */
  const followed = new WeakSet();

  function follows(node) {
    if (followed.has(node)) return true;
    followed.add(node);
    return false;
  }

  function name(link) {
    link.setAttribute("role", "button");
    if (!link.getAttribute("aria-label") && link.title && !link.textContent.trim()) {
      link.setAttribute("aria-label", link.title);
    }
  }

  /* aria-pressed follows a class the plugin sets on the button while it is on. */
  function pressedWith(link, className) {
    if (follows(link)) return;
    const sync = () => link.setAttribute("aria-pressed", String(link.classList.contains(className)));
    new MutationObserver(sync).observe(link, { attributes: true, attributeFilter: ["class"] });
    sync();
  }

  atlas.labelControls = function (map) {
    const corners = map.getContainer().querySelector(".leaflet-control-container");
    corners.querySelectorAll(".leaflet-control a").forEach((link) => {
      if (!link.closest(".leaflet-control-attribution")) name(link);
    });
    corners.querySelectorAll(".leaflet-draw-toolbar a").forEach((link) => {
      pressedWith(link, "leaflet-draw-toolbar-button-enabled");
    });
    /* Leaflet's layer control holds the base maps only here */
    const layers = corners.querySelector(".leaflet-control-layers-toggle");
    if (layers) layers.setAttribute("aria-label", "Base maps");
    const full = corners.querySelector(".leaflet-control-zoom-fullscreen");
    if (full && !follows(full)) {
      full.setAttribute("aria-pressed", "false");
      map.on("enterFullscreen exitFullscreen", () => {
        full.setAttribute("aria-pressed", String(Boolean(map.isFullscreen && map.isFullscreen())));
      });
    }
    const mini = corners.querySelector(".leaflet-control-minimap-toggle-display");
    if (mini && !follows(mini)) {
      /* leaflet-minimap marks its folded state with a "minimized-<corner>" class on the button */
      const sync = () => {
        mini.setAttribute("aria-expanded", String(!mini.closest(".leaflet-control-minimap")
          .classList.contains("leaflet-control-minimap-hidden") && !/\bminimized-/.test(mini.className)));
        mini.setAttribute("aria-label", mini.title);
      };
      new MutationObserver(sync).observe(mini, { attributes: true, attributeFilter: ["title", "class"] });
      sync();
    }
  };
})(window.gbaAtlas = window.gbaAtlas || {});
