/* @requires i18n.js */
/* gba-atlas page script: leaflet-measure's own words in the page's language. The plugin
   writes its results (while measuring, and in the popup of a finished measurement) from
   English templates; each text it writes is mapped here to the catalogue, units included. */
(function (atlas) {
  "use strict";

  const { t } = atlas.i18n;

  const WORDS = {
    "Linear measurement": "map.measure.linear",
    "Area measurement": "map.measure.area_measurement",
    "Point location": "map.measure.point_location",
    "Path distance": "map.measure.path_distance",
    "Last point": "map.measure.last_point",
    "Area": "map.measure.area",
    "Perimeter": "map.perimeter",
    "Delete": "map.measure.delete",
    "Cancel": "map.measure.cancel",
    "Center on this location": "map.measure.center",
    "Center on this line": "map.measure.center",
    "Center on this area": "map.measure.center",
  };
  const UNITS = [
    [/\bSq Kilometers\b/g, "unit.km2"], [/\bHectares\b/g, "unit.ha"],
    [/\bKilometers\b/g, "unit.km"], [/\bMeters\b/g, "unit.m"], [/\bPerimeter\b/g, "map.perimeter"],
  ];

  /* The plugin's English in a node's texts, in the current language (English stays as the plugin says). */
  function translateNode(root) {
    if (atlas.i18n.current() === "en" || !root) return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent, key = WORDS[text.trim()];
      let value = key ? t(key) : text;
      if (!key) UNITS.forEach(([word, unit]) => { value = value.replace(word, t(unit)); });
      if (value !== text) node.textContent = value;
    }
  }

  atlas.translateMeasure = function (map) {
    const results = map.getContainer().querySelector(".leaflet-control-measure .js-results");
    if (results) {
      new MutationObserver(() => translateNode(results)).observe(results, { childList: true });
    }
    map.on("popupopen", (event) => {
      const box = event.popup.getElement();
      if (box && (box.classList.contains("leaflet-measure-resultpopup") || box.querySelector(".leaflet-measure-resultpopup"))) {
        translateNode(box);
      }
    });
  };
})(window.gbaAtlas = window.gbaAtlas || {});
