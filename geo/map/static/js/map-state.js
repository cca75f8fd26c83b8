/* gba-atlas page script: what the page keeps about each map, on the map itself.

   Nothing is shared between maps: two maps on one page (two notebook outputs, say)
   each have their own features, labels switch and click flag. The object lives on
   the map instance, so it goes when the map goes, and a second copy of this script
   on the page finds the state the first one made. */
(function (atlas) {
  "use strict";

  /* The state of one map, made on first use:
     features: the L.AtlasFeatureLayer layers now on the map, in the order they were added;
     labels: whether the map shows feature names (atlas.watchLabels switches them on);
     clickAnswered: set while a bulk layer handles a click, so the areas under it let it be;
     panel: the story panel (atlas.addPanel), with its node and open/close/showDetails;
     tooltip: the one tooltip open on hover or focus (L.AtlasOneTooltip);
     permalink, viewFromUrl: the L.AtlasPermalink keeping the view in the URL (atlas.keepInUrl), and
     whether a link gave the view. */
  atlas.stateOf = function (map) {
    if (!map._gbaAtlas) {
      map._gbaAtlas = { features: new Set(), labels: false, clickAnswered: false, panel: null, tooltip: null };
    }
    return map._gbaAtlas;
  };
})(window.gbaAtlas = window.gbaAtlas || {});
