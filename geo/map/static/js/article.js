/* @requires dom.js free-view.js i18n.js map-state.js */
/* gba-atlas page script: the article beside the map (gba-atlas build --article). Its paragraphs
   sit in the panel, after the story; each figure and claim the check found is marked by its
   verdict with a colour and a sign, and says the verdict in words to screen readers. A mark tied
   to a feature is a button: it frames the feature (as "Go to" does) and opens its details, which
   begin with the article's sentences about it.

   spec: {lang, paragraphs: [[{text} | {text, verdict, sign, feature, why}]],
          words: {<lang>: {title, about, verdicts: {holds, ...}}}, legend: [[verdict, sign]],
          about: {<feature id>: [{text, sign, verdict}]}} */
(function (atlas) {
  "use strict";

  const { el, appendText } = atlas.dom;
  const { pick } = atlas.i18n;

  function featureLayer(map, id) {
    for (const layer of atlas.stateOf(map).features) if (layer.featureId() === id) return layer;
    return null;
  }

  /* Frame the feature in the uncovered part of the map and open its details (focus goes back to from). */
  function goTo(map, id, from) {
    const layer = featureLayer(map, id);
    if (!layer) return;
    const panel = atlas.stateOf(map).panel;
    if (panel && atlas.dom.narrow()) panel.close();
    atlas.fitFree(map, layer.getBounds(), { animate: false });  // then the details open in the new view
    layer.openDetails(layer.labelPoint(), from);
  }

  function mark(map, run, words, lang) {
    const verdict = words.verdicts[run.verdict];
    const node = run.feature ? atlas.dom.button("gba-mark gba-mark-" + run.verdict) : el("mark", "gba-mark gba-mark-" + run.verdict);
    const sign = node.appendChild(el("span", "gba-mark-sign", run.sign));
    sign.setAttribute("aria-hidden", "true");
    if (run.text) appendText(node, run.text, lang);
    node.appendChild(el("span", "gba-sr", " (" + verdict + ")"));
    node.title = verdict + ": " + run.why;
    if (run.feature) node.addEventListener("click", () => goTo(map, run.feature, node));
    return node;
  }

  function section(map, spec) {
    const words = pick(spec.words);
    const node = el("details", "gba-article");
    node.open = true;
    node.appendChild(el("summary", null, words.title));
    const legend = node.appendChild(el("p", "gba-article-legend"));
    spec.legend.forEach(([verdict, sign]) => {
      const key = legend.appendChild(el("span", "gba-mark gba-mark-" + verdict));
      key.appendChild(el("span", "gba-mark-sign", sign)).setAttribute("aria-hidden", "true");
      key.appendChild(document.createTextNode(" " + words.verdicts[verdict]));
    });
    const body = node.appendChild(el("div", "gba-article-text"));
    body.lang = spec.lang;
    spec.paragraphs.forEach((runs) => {
      const p = body.appendChild(el("p"));
      runs.forEach((run) => (run.verdict ? p.appendChild(mark(map, run, words, spec.lang)) : appendText(p, run.text, spec.lang)));
    });
    return node;
  }

  /* Each feature's details begin with the article's sentences about it (in every language). */
  function addSentences(map, spec) {
    atlas.stateOf(map).features.forEach((layer) => {
      const said = spec.about[layer.featureId()];
      if (!said) return;
      const items = said.map((sentence) => ({
        text: (sentence.verdict === "holds" || sentence.verdict === "fails" ? "" : sentence.sign + " ") + sentence.text,
        ok: sentence.verdict === "holds" ? true : sentence.verdict === "fails" ? false : undefined,
      }));
      layer.prependDetails((lang) => ({ heading: pick(spec.words, lang).about, items }));
    });
  }

  const STYLE = [
    ".gba-article { margin-top: 8px; }",
    ".gba-article summary { font-weight: 600; cursor: pointer; min-height: 24px; line-height: 24px; }",
    ".gba-article-text p { margin: 0 0 8px; line-height: 1.6; }",
    ".gba-article-legend { display: flex; flex-wrap: wrap; gap: 4px 8px; margin: 4px 0 8px; font-size: 12px; }",
    ".gba-mark { font: inherit; color: #111; border: 0; border-bottom: 2px solid; border-radius: 2px; padding: 0 2px; margin: 0; }",
    "button.gba-mark { cursor: pointer; min-height: 24px; }",
    ".gba-mark-sign { font-weight: 700; margin-right: 2px; }",
    ".gba-mark-holds { background: #e3f4e6; border-color: #1b7a34; }",
    ".gba-mark-fails { background: #fde4e4; border-color: #b3261e; }",
    ".gba-mark-unmatched { background: #fff3cd; border-color: #8a6d00; }",
    ".gba-mark-skipped { background: #eeeeee; border-color: #666666; }",
    ".gba-mark-earlier { background: #e3ecfa; border-color: #2455a4; }",
    "span.gba-mark-sign.gba-mark-holds, span.gba-mark-sign.gba-mark-fails, span.gba-mark-sign.gba-mark-unmatched,",
    "span.gba-mark-sign.gba-mark-skipped, span.gba-mark-sign.gba-mark-earlier { background: none; border: 0; }",
    ".gba-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }",
  ].join("\n");

  function addStyle() {
    if (document.getElementById("gba-article-style")) return;
    const style = el("style", null, STYLE);
    style.id = "gba-article-style";
    document.head.appendChild(style);
  }

  atlas.addArticle = function (map, spec) {
    addStyle();
    const state = atlas.stateOf(map);
    state.extraSections = (state.extraSections || []).concat([() => section(map, spec)]);
    if (state.panel && state.panel.render) state.panel.render();
    addSentences(map, spec);
  };
})(window.gbaAtlas = window.gbaAtlas || {});
