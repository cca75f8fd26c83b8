// ESLint for the map's own script (geo/map/static/js), run by `make lint`.
// The parts are plain browser scripts, joined in order by geo/map/elements.py (AtlasScript):
// each is an IIFE that reads and extends the window.gbaAtlas namespace, with Leaflet's `L`.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: [".venv/", "build/", "output/"] },
  js.configs.recommended,
  {
    files: ["geo/map/static/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, L: "readonly" },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
];
