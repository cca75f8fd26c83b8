/* gba-atlas page script: the DOM helpers every other part builds with.

   Text from the data is only ever set with textContent, and only http(s) URLs become
   links: nothing that arrives with a layer runs. The page's parts share one namespace,
   window.gbaAtlas, which also holds the functions the Python elements call. */
(function (atlas) {
  "use strict";

  /* An element with an optional class and text (set as text, never parsed as markup). */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /* The script detector, as Python's geo.i18n.detect hands it over (atlas.setLanguages): a run of
     Chinese text, and each script's own characters. Until then no text is marked. */
  const scripts = { run: null, marks: [] };

  function setScripts(spec) {
    scripts.run = new RegExp(spec.run, "gu");
    scripts.marks = Object.entries(spec.scripts).map(([lang, pattern]) => [lang, new RegExp(pattern, "u")]);
  }

  /* The language of Chinese text: the one script whose characters it has (as geo.i18n.detect.script_hint
     decides), else the fallback, else the page language's Chinese script, else plain "zh". */
  function hanLang(text, fallback) {
    const found = scripts.marks.filter(([, pattern]) => pattern.test(text));
    if (found.length === 1) return found[0][0];
    return fallback || (atlas.i18n && atlas.i18n.script()) || "zh";
  }

  /* Append text to a node, each run of Chinese characters in a <span lang> of its script. */
  function appendText(node, text, lang) {
    const value = String(text);
    let last = 0;
    const runs = scripts.run ? value.matchAll(scripts.run) : [];
    for (const match of runs) {
      const [run] = match;
      if (match.index > last) node.appendChild(document.createTextNode(value.slice(last, match.index)));
      const span = node.appendChild(el("span", null, run));
      span.lang = hanLang(run, lang);
      last = match.index + run.length;
    }
    if (last < value.length) node.appendChild(document.createTextNode(value.slice(last)));
    return node;
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\/[^\s<>"'`]+$/i.test(url) ? url : null;
  }

  /* A tick or a cross, named "holds" or "fails" for screen readers. */
  function verdict(ok) {
    const node = el("span", ok ? "gba-ok" : "gba-fail", ok ? "\u2713" : "\u2717");
    node.setAttribute("role", "img");
    node.setAttribute("aria-label", atlas.i18n ? atlas.i18n.t(ok ? "verdict.holds" : "verdict.fails") : ok ? "holds" : "fails");
    return node;
  }

  /* An item: {text, url?, ok?, lang?}: a verdict sign, then the text (a link when the URL is http(s)),
     marked with spec.lang when it is quoted in a language of its own. Chinese in the text is
     marked with its language (lang: the one to assume when unclear). */
  function item(spec, tag, lang) {
    const node = el(tag || "li", "gba-item");
    if (spec.lang) node.lang = spec.lang;
    if (spec.ok === true || spec.ok === false) {
      node.appendChild(verdict(spec.ok));
      node.appendChild(document.createTextNode(" "));
    }
    const url = safeUrl(spec.url);
    if (url) {
      const a = appendText(el("a"), spec.text, lang);
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      node.appendChild(a);
    } else {
      appendText(node, spec.text, lang);
    }
    return node;
  }

  /* A tooltip or popup body: {title, subtitle?, sections: [{heading?, items}]}. */
  function card(spec, className) {
    const node = el("div", className);
    node.appendChild(el("div", "gba-title", spec.title));
    if (spec.subtitle) {
      const subtitle = node.appendChild(el("div", "gba-subtitle", spec.subtitle));
      if (spec.subtitle_lang) subtitle.lang = spec.subtitle_lang;
    }
    (spec.sections || []).forEach((section) => {
      if (section.heading) node.appendChild(el("div", "gba-heading", section.heading));
      const list = el("ul", "gba-list");
      section.items.forEach((entry) => list.appendChild(item(entry, "li", spec.subtitle_lang)));
      node.appendChild(list);
    });
    return node;
  }

  /* A table: a caption, a header row, then one row per {cells, ok} with the verdict in a last column. */
  function table(header, rows, caption) {
    const node = el("table", "gba-table");
    if (caption) node.appendChild(el("caption", null, caption));
    const head = el("tr");
    header.forEach((cell) => {
      const th = head.appendChild(el("th", null, cell));
      th.scope = "col";
    });
    node.appendChild(head);
    rows.forEach((row) => {
      const tr = el("tr", row.ok ? "gba-row-ok" : "gba-row-fail");
      row.cells.forEach((cell) => tr.appendChild(appendText(el("td"), cell)));
      const last = el("td");
      last.appendChild(verdict(row.ok));
      tr.appendChild(last);
      node.appendChild(tr);
    });
    return node;
  }

  /* A <button type="button"> with a class, text, and an accessible name when the text is a sign. */
  function button(className, text, label) {
    const node = el("button", className, text);
    node.type = "button";
    if (label) node.setAttribute("aria-label", label);
    return node;
  }

  /* Whether the page is laid out for a phone: the panel is then a bottom sheet. */
  const narrow = () => window.matchMedia("(max-width: 640px)").matches;

  atlas.dom = { el, appendText, safeUrl, verdict, item, card, table, button, narrow, setScripts };
})(window.gbaAtlas = window.gbaAtlas || {});
