// Entry point: pick the browser's language (or English), load its catalog, start the interface.
import { startApp } from "./app.js";
import { loadLanguage } from "./i18n.js";
import { pickLanguage } from "./languages.js";

const root = document.getElementById("app");
loadLanguage(pickLanguage(navigator.languages ?? [navigator.language]))
  .catch(() => loadLanguage("en"))
  .then(() => startApp(root));
