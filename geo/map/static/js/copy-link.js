/* @requires dom.js i18n.js panel-part.js */
/* L.Control.AtlasCopyLink (L.control.atlasCopyLink): "Copy link", under the language switch:
   copies the link to the map as it is now (atlas.linkNow: the URL with the view in its
   fragment) and says so in a polite status line. Where the clipboard cannot be written (a
   file:// page, an insecure page, an iframe not allowed "clipboard-write") the link is shown
   selected in a read-only field instead, copied by the browser's copy command when it works,
   else by the reader's Ctrl+C. */
(function (atlas) {
  "use strict";

  const { el, button } = atlas.dom;
  const { t } = atlas.i18n;
  const SHOWN = 4000;  // ms the status line stays

  function say(parts, key) {
    parts.status.textContent = t(key);
    clearTimeout(parts.timer);
    parts.timer = setTimeout(() => { parts.status.textContent = ""; }, SHOWN);
  }

  /* The browser's copy command on the selection: whether it copied (an old API, still the only one without the clipboard's). */
  function copyCommand() {
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }

  /* The link in the read-only field, selected; the browser's copy command tried. */
  function fallBack(parts, url) {
    parts.field.value = url;
    parts.field.hidden = false;
    parts.field.focus();
    parts.field.select();
    say(parts, copyCommand() ? "map.link.copied" : "map.link.manual");
  }

  function copy(map, parts) {
    const url = atlas.linkNow(map);
    parts.field.hidden = true;
    const clipboard = window.isSecureContext && navigator.clipboard && navigator.clipboard.writeText;
    if (!clipboard) {
      fallBack(parts, url);
      return;
    }
    navigator.clipboard.writeText(url).then(() => say(parts, "map.link.copied"), () => fallBack(parts, url));
  }

  L.Control.AtlasCopyLink = L.Control.AtlasPanelPart.extend({
    onAdd(map) {
      const node = el("div", "gba-link");
      const parts = (this._parts = {
        copy: node.appendChild(button("gba-copy-link", t("map.link.copy"))),
        field: node.appendChild(el("input", "gba-link-field")),
        status: node.appendChild(el("span", "gba-link-status")),
        timer: null,
      });
      parts.field.type = "text";
      parts.field.readOnly = true;
      parts.field.hidden = true;
      parts.status.setAttribute("role", "status");
      parts.status.setAttribute("aria-live", "polite");
      this._sync();
      map.on("gbalanguage", this._sync, this);
      L.DomEvent.on(parts.copy, "click", this._copy, this);
      return node;
    },

    onRemove(map) {
      map.off("gbalanguage", this._sync, this);
      L.DomEvent.off(this._parts.copy, "click", this._copy, this);
      clearTimeout(this._parts.timer);
    },

    _copy() {
      copy(this._map, this._parts);
    },

    _sync() {
      this._parts.copy.textContent = t("map.link.copy");
      this._parts.field.setAttribute("aria-label", t("map.link.label"));
      this._parts.status.textContent = "";
    },
  });

  L.control.atlasCopyLink = (options) => new L.Control.AtlasCopyLink(options);
})(window.gbaAtlas = window.gbaAtlas || {});
