/* gba-atlas page script: a feature's details (its stated figures, sources, measures and claims).

   On a wide screen they open in a popup kept inside the uncovered part of the map; on a
   phone, in the bottom sheet. Opened from the keyboard, focus moves into them; Escape (or
   the close button) closes them and gives focus back to the feature. */
(function (atlas) {
  "use strict";

  /* Open details: content is a DOM node; at is where on the map; from is the element to refocus. */
  atlas.openDetails = function (map, content, at, from) {
    const panel = atlas.stateOf(map).panel;
    if (atlas.dom.narrow() && panel) {
      panel.showDetails(content, from);
      return;
    }
    const size = map.getSize(), pad = atlas.freePadding(map);
    const free = size.subtract(pad.paddingTopLeft).subtract(pad.paddingBottomRight);
    const popup = L.popup({
      maxWidth: Math.max(200, Math.min(380, free.x - 40)),
      maxHeight: Math.max(160, free.y - 60),
      autoPanPaddingTopLeft: pad.paddingTopLeft,
      autoPanPaddingBottomRight: pad.paddingBottomRight,
    }).setLatLng(at).setContent(content);
    if (from) {
      /* the popup is closing: focus in it (or lost) goes back to the feature; focus elsewhere stays */
      popup.on("remove", () => {
        const focus = document.activeElement, box = popup.getElement();
        if (!focus || focus === document.body || (box && box.contains(focus))) from.focus();
      });
    }
    popup.openOn(map);
    const close = popup.getElement() && popup.getElement().querySelector(".leaflet-popup-close-button");
    if (close) {
      close.setAttribute("aria-label", atlas.i18n.t("map.details.close"));
      close.title = atlas.i18n.t("map.details.close");
    }
    if (from) {
      content.tabIndex = -1;
      content.focus();
    }
  };

  /* Escape closes the details, wherever the focus is. */
  atlas.closeDetailsOnEscape = function (map) {
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      const panel = atlas.stateOf(map).panel;
      if (panel && panel.detailsOpen()) panel.closeDetails();
      else map.closePopup();
    });
  };
})(window.gbaAtlas = window.gbaAtlas || {});
