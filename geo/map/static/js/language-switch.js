/* @requires dom.js i18n.js panel-part.js */
/* L.Control.AtlasLanguageSwitch (L.control.atlasLanguageSwitch): the language switch at the top
   of the panel: one button per language (English, 繁體中文, 简体中文), each named in its own
   language and marked with its lang; the one in use is pressed. Choosing one re-renders
   everything the map says. */
(function (atlas) {
  "use strict";

  const { el, button } = atlas.dom;
  const { t } = atlas.i18n;

  L.Control.AtlasLanguageSwitch = L.Control.AtlasPanelPart.extend({
    onAdd(map) {
      const node = el("div", "gba-langs");
      node.setAttribute("role", "group");
      this._buttons = atlas.i18n.languages().map((lang) => {
        const choice = node.appendChild(button("gba-lang", t("lang." + lang, null, lang)));
        choice.lang = lang;
        choice.dataset.lang = lang;
        L.DomEvent.on(choice, "click", this._choose, this);
        return choice;
      });
      this._node = node;
      map.on("gbalanguage", this._sync, this);
      this._sync();
      return node;
    },

    onRemove(map) {
      map.off("gbalanguage", this._sync, this);
      this._buttons.forEach((choice) => L.DomEvent.off(choice, "click", this._choose, this));
    },

    _choose(event) {
      const choice = event.currentTarget;
      if (choice.dataset.lang !== atlas.i18n.current()) atlas.i18n.setLanguage(choice.dataset.lang);
      choice.focus();
    },

    _sync() {
      this._node.setAttribute("aria-label", t("map.language"));
      this._buttons.forEach((choice) => choice.setAttribute("aria-pressed", String(choice.dataset.lang === atlas.i18n.current())));
    },
  });

  L.control.atlasLanguageSwitch = (options) => new L.Control.AtlasLanguageSwitch(options);
})(window.gbaAtlas = window.gbaAtlas || {});
