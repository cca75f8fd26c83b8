/* gba-atlas page script: the map honours the reader's "reduce motion" setting (WCAG 2.3.3).

   When the page opens with prefers-reduced-motion: reduce, every map made after this runs
   (the map and its minimap) neither animates zooms nor fades tiles, popups and names (Leaflet's
   zoomAnimation, fadeAnimation and markerZoomAnimation off, no inertia after a drag), and every
   pan — Go to, the details kept in sight, a popup brought into view, the arrow keys — jumps to
   its end instead of gliding. The stylesheet stops the plugins' CSS transitions too. */
(function (atlas) {
  "use strict";

  const QUERY = "(prefers-reduced-motion: reduce)";

  /* Whether the reader asked for reduced motion (read when the page opens). */
  atlas.reducedMotion = window.matchMedia(QUERY).matches;

  if (!atlas.reducedMotion) return;
  L.Map.mergeOptions({ zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false, inertia: false });
  /* Map.panBy is where every animated pan of Leaflet 1.9 starts (setView's pan, panTo, a popup's
     autoPan, the keyboard): asked to animate, it moves at once instead. */
  const panBy = L.Map.prototype.panBy;
  L.Map.include({
    panBy(offset, options) {
      return panBy.call(this, offset, L.extend({}, options, { animate: false }));
    },
  });
})(window.gbaAtlas = window.gbaAtlas || {});
