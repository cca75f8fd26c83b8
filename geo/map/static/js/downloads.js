/* @requires dom.js i18n.js map-state.js */
/* gba-atlas page script: the panel's "Data" section, two downloads built in the page from
   its own data (atlas.setDownloads; geo/map/downloads.py), with no network:

   - the features as GeoJSON: one layer in the layer format, stated figures and claims
     included; saved alone in a folder, Atlas.load reads it back with the same report;
   - the checks as CSV: the bytes `gba-atlas check --format csv --lang <the page's>` prints.
     Cells from the data are made safe as geo/text_safety.py's csv_cell does: control
     characters escaped, and a cell a spreadsheet would run as a formula (=, +, -, @, tab,
     CR, LF first) prefixed with '. Then quoted as Python's csv writes (RFC 4180).

   Each is a Blob saved through an <a download> and an object URL, revoked afterwards. */
(function (atlas) {
  "use strict";

  const { el, button } = atlas.dom;
  const { t } = atlas.i18n;

  const NAMED = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  /* C0, DEL, C1, line and paragraph separators, bidi controls, lone surrogates (text_safety.UNSAFE) */
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  const UNSAFE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;
  const FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r", "\n"];

  const hex = (code, width) => code.toString(16).padStart(width, "0");

  function escapeChar(char) {
    if (char in NAMED) return NAMED[char];
    const code = char.charCodeAt(0);
    return code < 0x80 ? "\\x" + hex(code, 2) : "\\u" + hex(code, 4);
  }

  /* A cell: text from the data made safe, or {raw} written as it is (numbers, booleans). */
  function csvCell(value) {
    if (typeof value !== "string") return value.raw;
    const prefix = FORMULA_STARTS.includes(value.charAt(0)) ? "'" : "";
    return prefix + value.replace(UNSAFE, escapeChar);
  }

  const quoted = (text) => (/[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text);
  const line = (cells) => cells.map(quoted).join(",") + "\n";

  /* table: {header, rows}: the header as it is, each row's cells made safe. */
  function csvText(table) {
    return line(table.header) + table.rows.map((row) => line(row.map(csvCell))).join("");
  }

  function save(text, type, filename) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = el("a");
    link.href = url;
    link.download = filename;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function saveButton(key, onClick) {
    const node = button("gba-data-button", t(key));
    node.title = t(key + ".title");
    node.addEventListener("click", onClick);
    return node;
  }

  /* data: {geojson, csv: {lang: {header, rows}}, left_out: [layer names]} */
  atlas.setDownloads = function (map, data) {
    atlas.stateOf(map).downloads = data;
  };

  /* The "Data" section in the current language, or null when the page has no downloads. */
  atlas.dataSection = function (map) {
    const data = atlas.stateOf(map).downloads;
    if (!data) return null;
    const lang = atlas.i18n.current();
    const node = el("section", "gba-data");
    node.setAttribute("aria-label", t("map.data"));
    node.appendChild(el("h2", "gba-data-title", t("map.data")));
    const row = node.appendChild(el("div", "gba-data-row"));
    if (data.geojson.features.length) {  /* none when every layer is drawn in bulk */
      row.appendChild(saveButton("map.data.geojson", () => save(
        JSON.stringify(data.geojson, null, 2) + "\n", "application/geo+json", "gba-atlas-features.geojson")));
    }
    row.appendChild(saveButton("map.data.csv", () => save(
      csvText(data.csv[lang] || data.csv.en), "text/csv;charset=utf-8", "gba-atlas-checks-" + lang + ".csv")));
    if (data.left_out.length) {
      node.appendChild(el("p", "gba-data-note", t("map.data.left_out", { layers: data.left_out.join(", ") })));
    }
    return node;
  };

  atlas.csvText = csvText;
})(window.gbaAtlas = window.gbaAtlas || {});
