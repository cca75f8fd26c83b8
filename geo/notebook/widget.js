// gba-atlas notebook widget (geo/notebook/widget.py): the atlas's map page in a frame, and the
// shapes drawn on it synced to Python as the "drawn" FeatureCollection.
//
// The page is the map `to_map()` shows, built with its draw tool posting what is drawn to this
// frame's parent (geo/map/static/js/drawn-sync.js). Messages are read only from our own frame,
// and only their GeoJSON is kept; nothing from them is put into the document.

const SOURCE = "gba-atlas";

function render({ model, el }) {
  const note = document.createElement("p");
  note.className = "gba-widget-note";
  note.setAttribute("role", "status");
  note.style.cssText = "margin:0 0 6px;font:14px/1.4 system-ui,sans-serif;color:#7a2e00";
  const frame = document.createElement("iframe");
  frame.title = "Map";
  frame.setAttribute("allowfullscreen", "");
  frame.style.cssText = "width:100%;border:none;display:block";

  function show() {
    const problem = model.get("problem");
    note.textContent = problem;
    note.hidden = !problem;
    frame.style.height = model.get("height") + "px";
    frame.srcdoc = model.get("html");
  }

  function restore() {
    const drawn = model.get("drawn");
    if (frame.contentWindow && drawn && Array.isArray(drawn.features) && drawn.features.length) {
      frame.contentWindow.postMessage({ source: SOURCE, type: "restore-drawn", geojson: drawn }, "*");
    }
  }

  function onMessage(event) {
    const data = event.data;
    if (event.source !== frame.contentWindow || !data || data.source !== SOURCE) return;
    if (data.type !== "drawn" || !data.geojson || data.geojson.type !== "FeatureCollection") return;
    model.set("drawn", data.geojson);
    model.save_changes();
  }

  const resize = () => { frame.style.height = model.get("height") + "px"; };
  window.addEventListener("message", onMessage);
  frame.addEventListener("load", restore);
  model.on("change:html", show);
  model.on("change:problem", show);
  model.on("change:height", resize);
  show();
  el.append(note, frame);
  return () => {
    window.removeEventListener("message", onMessage);
    model.off("change:html", show);
    model.off("change:problem", show);
    model.off("change:height", resize);
  };
}

export default { render };
