/* gba-atlas page script: the title box, a title and a line linked to its source. */
(function (atlas) {
  "use strict";

  const { el, item } = atlas.dom;

  /* spec: {title, description, url} */
  atlas.addTitle = function (map, spec) {
    L.control.atlasBox(() => {
      const node = el("div", "gba-titlebox gba-box");
      node.appendChild(el("h1", null, spec.title));
      node.appendChild(item({ text: spec.description, url: spec.url }, "p"));
      return node;
    }, { position: "topleft" }).addTo(map);
  };
})(window.gbaAtlas = window.gbaAtlas || {});
