/* gba-atlas page script: atlas.later(make), a class that extends a third-party plugin's, made on
   first use. The page script runs before the plugins' scripts (the order of the page's header),
   so their classes (L.Control.FullScreen, L.Control.MiniMap, ...) do not exist yet when it loads;
   each of our plugins is made, once, when its factory is first called. */
(function (atlas) {
  "use strict";

  atlas.later = function (make) {
    let made = null;
    return () => made || (made = make());
  };
})(window.gbaAtlas = window.gbaAtlas || {});
