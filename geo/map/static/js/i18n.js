/* gba-atlas page script: the page's languages (English, 繁體中文, 简体中文, and any added as data).

   The build puts each language's texts in the page once (atlas.setLanguages), with what
   Python's geo.i18n knows of each language (the patterns a browser's language tags are
   matched against, the languages its missing texts fall back on, the Chinese script
   detector), and every piece of data in each language ({en, "zh-Hant", "zh-Hans"}). The
   language is chosen from the URL (#lang= or ?lang=, so a shared link opens in it), else
   from the browser's (navigator.languages), else the default. Changing it sets <html lang>,
   keeps it in the URL, and tells every map (state.lang, and the map event "gbalanguage"
   its parts listen to). */
(function (atlas) {
  "use strict";

  const i18n = {
    languages: ["en"], messages: { en: {} }, current: "en", maps: new Set(),
    fallback: "en", browser: [], fallbacks: {}, writtenIn: {},
  };

  /* A language tag from the browser, as one of ours: the first language with a pattern matching it. */
  function ours(tag) {
    const value = String(tag || "");
    const found = i18n.browser.find(([, patterns]) => patterns.some((pattern) => pattern.test(value)));
    return found ? found[0] : null;
  }

  /* The languages tried, in order, for a text in lang: itself, its fallbacks, the default. */
  function chain(lang) {
    return [...(i18n.fallbacks[lang] || [lang]), i18n.fallback];
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
    return i18n.fallback;
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
    const found = chain(lang || i18n.current).find((tag) => key in (i18n.messages[tag] || {}));
    const text = found ? i18n.messages[found][key] : key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (params && name in params ? String(params[name]) : whole));
  }

  /* A value given by language ({en, "zh-Hant", ...}, the default's always there) in the current one
     or the first of its fallbacks it has; anything else as it is. */
  function pick(value, lang) {
    if (value && typeof value === "object" && !Array.isArray(value) && i18n.fallback in value) {
      return value[chain(lang || i18n.current).find((tag) => tag in value)];
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

  /* spec (geo.i18n.page): {languages, messages: {lang: {key: text}}, default, browser: {lang: [pattern]},
     fallbacks: {lang: [lang]}, written_in: {lang: Chinese script}, scripts}; called once per map, before
     its other parts. */
  atlas.setLanguages = function (map, spec) {
    i18n.languages = spec.languages;
    i18n.messages = spec.messages;
    i18n.fallback = spec.default || spec.languages[0];
    i18n.fallbacks = spec.fallbacks || {};
    i18n.writtenIn = spec.written_in || {};
    i18n.browser = spec.languages.map((lang) => [lang, ((spec.browser || {})[lang] || []).map((p) => new RegExp(p, "i"))]);
    if (spec.scripts && atlas.dom) atlas.dom.setScripts(spec.scripts);
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
    script: () => i18n.writtenIn[i18n.current] || null,
    languages: () => i18n.languages,
    messagesOf: (lang) => i18n.messages[lang] || {},
  };
})(window.gbaAtlas = window.gbaAtlas || {});
