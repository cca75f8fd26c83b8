/* gba-atlas page script: headings in the layer control over each group of overlays. */
(function (atlas) {
  "use strict";

  const { el } = atlas.dom;

  /* groups: [{name, size}], in the order the overlays were added to the control. */
  atlas.groupOverlays = function (control, groups) {
    const box = control.getContainer().querySelector(".leaflet-control-layers-overlays");
    if (!box) return;
    const labels = box.querySelectorAll("label");
    let index = 0;
    groups.forEach((group) => {
      const first = labels[index];
      if (first) box.insertBefore(el("div", "gba-group", group.name), first);
      index += group.size;
    });
  };
})(window.gbaAtlas = window.gbaAtlas || {});
