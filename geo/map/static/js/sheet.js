/* @requires dom.js */
/* L.AtlasSheetGestures (L.atlasSheetGestures): the bottom sheet's gestures on phones: a tap on
   its head opens or folds it, a swipe up opens it, a swipe down folds it. A handler (enable,
   disable, enabled) on the sheet's head rather than on a map: disabled, it takes its
   listeners off the head again. */
(function (atlas) {
  "use strict";

  L.AtlasSheetGestures = L.Handler.extend({
    options: { swipe: 30 },  // pixels: the least move up or down that counts as a swipe

    /* panel: {isOpen, setOpen}; head: the sheet's head, the node that takes the gestures. */
    initialize(panel, head, options) {
      L.setOptions(this, options);
      this._panel = panel;
      this._head = head;
      this._startY = null;
      this._swiped = false;
      this._onStart = this._onStart.bind(this);
      this._onEnd = this._onEnd.bind(this);
      this._onTap = this._onTap.bind(this);
    },

    addHooks() {
      this._head.addEventListener("touchstart", this._onStart, { passive: true });
      this._head.addEventListener("touchend", this._onEnd);
      this._head.addEventListener("click", this._onTap);
    },

    removeHooks() {
      this._head.removeEventListener("touchstart", this._onStart, { passive: true });
      this._head.removeEventListener("touchend", this._onEnd);
      this._head.removeEventListener("click", this._onTap);
      this._startY = null;
      this._swiped = false;
    },

    _onStart(event) {
      this._startY = event.touches[0].clientY;
      this._swiped = false;
    },

    _onEnd(event) {
      if (this._startY === null) return;
      const dy = event.changedTouches[0].clientY - this._startY;
      this._startY = null;
      if (Math.abs(dy) < this.options.swipe) return;
      this._swiped = true;
      this._panel.setOpen(dy < 0);
    },

    _onTap() {
      if (this._swiped) {
        this._swiped = false;
        return;
      }
      if (atlas.dom.narrow()) this._panel.setOpen(!this._panel.isOpen());
    },
  });

  L.atlasSheetGestures = (panel, head, options) => new L.AtlasSheetGestures(panel, head, options);
})(window.gbaAtlas = window.gbaAtlas || {});
