/* @requires map-state.js */
/* gba-atlas page script: the page's languages (English, 繁體中文, 简体中文).

   The build puts each language's texts in the page once (atlas.setLanguages), and every
   piece of data in each language ({en, "zh-Hant", "zh-Hans"}). The language is chosen
   from the URL (#lang= or ?lang=, so a shared link opens in it), else from the browser's
   (navigator.languages), else English. Changing it sets <html lang>, keeps it in the URL,
   and tells every map (state.lang, and the map event "gbalanguage" its parts listen to). */
(function (atlas) {
  "use strict";

  const i18n = { languages: ["en"], messages: { en: {} }, current: "en", maps: new Set() };

  /* A language tag from the browser, as one of ours. */
  function ours(tag) {
    const value = String(tag || "").toLowerCase();
    if (!value.startsWith("zh")) return value.startsWith("en") ? "en" : null;
    if (/hant|-(hk|tw|mo)\b/.test(value)) return "zh-Hant";
    return "zh-Hans";
  }

  function fromUrl() {
    const read = (text) => new URLSearchParams(text.replace(/^[#?]/, "")).get("lang");
    const asked = read(window.location.hash) || read(window.location.search);
    return i18n.languages.find((lang) => asked && lang.toLowerCase() === asked.toLowerCase()) || null;
  }

  function fromBrowser() {
    const tags = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (const tag of tags) {
      const lang = ours(tag);
      if (lang) return lang;
    }
    return "en";
  }

  /* Keep the language in the URL's fragment (other fragment parameters stay). */
  function remember(lang) {
    const params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    params.set("lang", lang);
    try {
      window.history.replaceState(window.history.state, "", "#" + params.toString());
    } catch {
      window.location.hash = params.toString();
    }
  }

  /* The text of a key in the current (or given) language, {name} placeholders filled. */
  function t(key, params, lang) {
    const messages = i18n.messages[lang || i18n.current] || {};
    const text = key in messages ? messages[key] : (i18n.messages.en || {})[key] || key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (params && name in params ? String(params[name]) : whole));
  }

  /* A value given in every language ({en, "zh-Hant", ...}) in the current one; anything else as it is. */
  function pick(value, lang) {
    if (value && typeof value === "object" && !Array.isArray(value) && "en" in value) {
      const chosen = lang || i18n.current;
      return chosen in value ? value[chosen] : value.en;
    }
    return value;
  }

  function setLanguage(lang, options) {
    if (!i18n.languages.includes(lang)) return;
    i18n.current = lang;
    document.documentElement.lang = lang;
    if (!options || options.remember !== false) remember(lang);
    i18n.maps.forEach((map) => {
      atlas.stateOf(map).lang = lang;
      map.fire("gbalanguage", { lang });
    });
  }

  /* spec: {languages, messages: {lang: {key: text}}}; called once per map, before its other parts. */
  atlas.setLanguages = function (map, spec) {
    i18n.languages = spec.languages;
    i18n.messages = spec.messages;
    i18n.maps.add(map);
    if (i18n.maps.size === 1) i18n.current = fromUrl() || fromBrowser();
    atlas.stateOf(map).lang = i18n.current;
    document.documentElement.lang = i18n.current;
    map.getContainer().closest("main")?.setAttribute("aria-label", t("map.main"));
    map.on("gbalanguage", () => map.getContainer().closest("main")?.setAttribute("aria-label", t("map.main")));
  };

  window.addEventListener("hashchange", () => {
    const lang = fromUrl();
    if (lang && lang !== i18n.current) setLanguage(lang, { remember: false });
  });

  atlas.i18n = {
    t, pick, setLanguage, ours,
    current: () => i18n.current,
    languages: () => i18n.languages,
    messagesOf: (lang) => i18n.messages[lang] || {},
  };
})(window.gbaAtlas = window.gbaAtlas || {});
