/* @requires i18n.js */
/* gba-atlas page script: the tools' words in the page's language: titles, accessible names
   and texts of the zoom, base map, full screen, measure, draw and export controls, set at
   first and again whenever the language changes (map event "gbalanguage"). The base maps'
   names are found by their English text in the catalogue (map.base.*). */
(function (atlas) {
  "use strict";

  const { t } = atlas.i18n;

  /* [selector, catalogue key, what to set: "name" (title and aria-label) or "text"] */
  const CONTROLS = [
    [".leaflet-control-zoom-in", "map.zoom_in", "name"],
    [".leaflet-control-zoom-out", "map.zoom_out", "name"],
    [".leaflet-control-layers-toggle", "map.base_maps", "name"],
    [".leaflet-control-measure-toggle", "map.measure", "name"],
    [".leaflet-control-measure-toggle", "map.measure", "text"],
    [".leaflet-control-measure h3", "map.measure", "text"],
    [".leaflet-control-measure .js-start", "map.measure.start", "text"],
    [".leaflet-control-measure .js-starthelp", "map.measure.hint", "text"],
    [".leaflet-control-measure .js-cancel", "map.measure.cancel", "text"],
    [".leaflet-control-measure .js-finish", "map.measure.finish", "text"],
    [".leaflet-draw-draw-polyline", "map.draw.polyline", "draw"],
    [".leaflet-draw-draw-polygon", "map.draw.polygon", "draw"],
    [".leaflet-draw-draw-rectangle", "map.draw.rectangle", "draw"],
    [".leaflet-draw-draw-marker", "map.draw.marker", "draw"],
    [".gba-export", "map.export", "label"],
  ];

  function set(node, text, what) {
    if (what === "text") {
      node.textContent = text;
      return;
    }
    if (what !== "label") node.title = text;
    node.setAttribute("aria-label", text);
    const hidden = node.querySelector(".sr-only");
    if (hidden) hidden.textContent = text;
  }

  /* The catalogue key of an English text among keys starting with prefix (null if none). */
  function keyOf(text, prefix) {
    const en = atlas.i18n.messagesOf("en");
    return Object.keys(en).find((key) => key.startsWith(prefix) && en[key] === text) || null;
  }

  function baseMaps(corners) {
    corners.querySelectorAll(".leaflet-control-layers-base label span span, .leaflet-control-layers-base label > span")
      .forEach((span) => {
        if (span.children.length) return;
        if (!span.dataset.gbaKey) span.dataset.gbaKey = keyOf(span.textContent.trim(), "map.base.") || "";
        if (span.dataset.gbaKey) span.textContent = " " + t(span.dataset.gbaKey);
      });
  }

  /* Leaflet.draw's own texts (its toolbar's titles, its hints while drawing) in the language. */
  function drawTexts() {
    if (!L.drawLocal) return;
    const draw = L.drawLocal.draw, edit = L.drawLocal.edit;
    Object.assign(draw.toolbar.buttons, {
      polyline: t("map.draw.polyline"), polygon: t("map.draw.polygon"),
      rectangle: t("map.draw.rectangle"), marker: t("map.draw.marker"),
    });
    Object.assign(draw.toolbar.actions, { title: t("map.draw.cancel"), text: t("map.measure.cancel") });
    Object.assign(draw.toolbar.finish, { title: t("map.draw.finish"), text: t("map.draw.finish") });
    Object.assign(draw.toolbar.undo, { title: t("map.draw.undo"), text: t("map.draw.undo") });
    Object.assign(draw.handlers.polyline.tooltip, {
      start: t("map.draw.start"), cont: t("map.draw.continue"), end: t("map.draw.end_line"),
    });
    Object.assign(draw.handlers.polygon.tooltip, {
      start: t("map.draw.start"), cont: t("map.draw.continue"), end: t("map.draw.close"),
    });
    draw.handlers.rectangle.tooltip.start = t("map.draw.rectangle_hint");
    draw.handlers.marker.tooltip.start = t("map.draw.marker_hint");
    Object.assign(edit.toolbar.buttons, {
      edit: t("map.draw.edit"), editDisabled: t("map.draw.nothing"),
      remove: t("map.draw.remove"), removeDisabled: t("map.draw.nothing"),
    });
    Object.assign(edit.toolbar.actions.save, { title: t("map.draw.save"), text: t("map.draw.save") });
    Object.assign(edit.toolbar.actions.cancel, { title: t("map.draw.cancel_edit"), text: t("map.measure.cancel") });
    Object.assign(edit.toolbar.actions.clearAll, { title: t("map.draw.clear_all"), text: t("map.draw.clear_all") });
  }

  function editButtons(corners) {
    [["edit", "map.draw.edit"], ["remove", "map.draw.remove"]].forEach(([name, key]) => {
      const link = corners.querySelector(".leaflet-draw-edit-" + name);
      if (!link) return;
      const text = link.classList.contains("leaflet-disabled") ? t("map.draw.nothing") : t(key);
      set(link, text, "draw");
    });
  }

  function translate(map) {
    const corners = map.getContainer().querySelector(".leaflet-control-container");
    if (!corners) return;
    CONTROLS.forEach(([selector, key, what]) => {
      corners.querySelectorAll(selector).forEach((node) => set(node, t(key), what));
    });
    const exporter = corners.querySelector(".gba-export");
    if (exporter) exporter.title = t("map.export.title");
    baseMaps(corners);
    drawTexts();
    editButtons(corners);
    map.fire("gbacontrolstext");
  }

  atlas.translateControls = function (map) {
    translate(map);
    map.on("gbalanguage", () => translate(map));
  };

  atlas.drawTexts = drawTexts;
})(window.gbaAtlas = window.gbaAtlas || {});
