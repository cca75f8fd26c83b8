/* @requires dom.js */
/* gba-atlas page script: the bottom sheet's gestures on phones: a tap on its head opens or
   folds it, a swipe up opens it, a swipe down folds it. */
(function (atlas) {
  "use strict";

  const SWIPE = 30;  // pixels

  /* panel: {isOpen, setOpen}; headNode: the sheet's head. Returns a function that takes the gestures off again. */
  atlas.sheetGestures = function (panel, headNode) {
    let startY = null, swiped = false;
    const start = (event) => {
      startY = event.touches[0].clientY;
      swiped = false;
    };
    const end = (event) => {
      if (startY === null) return;
      const dy = event.changedTouches[0].clientY - startY;
      startY = null;
      if (Math.abs(dy) < SWIPE) return;
      swiped = true;
      panel.setOpen(dy < 0);
    };
    const tap = () => {
      if (swiped) { swiped = false; return; }
      if (atlas.dom.narrow()) panel.setOpen(!panel.isOpen());
    };
    headNode.addEventListener("touchstart", start, { passive: true });
    headNode.addEventListener("touchend", end);
    headNode.addEventListener("click", tap);
    return () => {
      headNode.removeEventListener("touchstart", start, { passive: true });
      headNode.removeEventListener("touchend", end);
      headNode.removeEventListener("click", tap);
    };
  };
})(window.gbaAtlas = window.gbaAtlas || {});
