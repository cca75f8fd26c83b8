/* @requires dom.js i18n.js */
/* gba-atlas page script: the language switch at the top of the panel: one button per
   language (English, 繁體中文, 简体中文), each named in its own language and marked with its
   lang; the one in use is pressed. Choosing one re-renders everything the map says. */
(function (atlas) {
  "use strict";

  const { el, button } = atlas.dom;
  const { t } = atlas.i18n;

  atlas.languageSwitch = function (map) {
    const node = el("div", "gba-langs");
    node.setAttribute("role", "group");
    const buttons = atlas.i18n.languages().map((lang) => {
      const choice = node.appendChild(button("gba-lang", t("lang." + lang, null, lang)));
      choice.lang = lang;
      choice.dataset.lang = lang;
      choice.addEventListener("click", () => {
        if (lang !== atlas.i18n.current()) atlas.i18n.setLanguage(lang);
        choice.focus();
      });
      return choice;
    });
    const sync = () => {
      node.setAttribute("aria-label", t("map.language"));
      buttons.forEach((choice) => choice.setAttribute("aria-pressed", String(choice.dataset.lang === atlas.i18n.current())));
    };
    map.on("gbalanguage", sync);
    sync();
    return node;
  };
})(window.gbaAtlas = window.gbaAtlas || {});
