/* @requires dom.js i18n.js */
/* gba-atlas page script: the story at the top of the panel: the Chinese title (marked with
   its language), the description, and the source, linked when its URL is http(s). */
(function (atlas) {
  "use strict";

  const { el, item } = atlas.dom;
  const { t } = atlas.i18n;

  /* story: {title, description, source, url, chinese: {lang, title, description}?} */
  atlas.storySection = function (story) {
    const node = el("section", "gba-story");
    node.setAttribute("aria-label", t("map.story"));
    if (story.chinese && story.chinese.title) {
      const zh = node.appendChild(el("p", "gba-story-zh", story.chinese.title));
      zh.lang = story.chinese.lang;
    }
    if (story.description) node.appendChild(el("p", "gba-story-text", story.description));
    if (story.source) {
      const source = node.appendChild(el("p", "gba-story-source", t("map.popup.source", { source: "" })));
      source.appendChild(item({ text: story.source, url: story.url }, "span"));
    }
    return node;
  };
})(window.gbaAtlas = window.gbaAtlas || {});
