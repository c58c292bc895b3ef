// The languages the interface speaks, each named in itself. The catalog for each lives in
// public/i18n/<code>.json; test/ui-i18n.test.js checks that both lists agree.
export const LANGUAGES = Object.freeze([
  { code: "nl", name: "Nederlands" },
  { code: "en", name: "English" },
  { code: "es", name: "Español" },
  { code: "pt", name: "Português" },
  { code: "pl", name: "Polski" },
  { code: "ro", name: "Română" },
  { code: "bg", name: "Български" },
  { code: "hu", name: "Magyar" },
  { code: "ru", name: "Русский" },
  { code: "uk", name: "Українська" },
  { code: "th", name: "ไทย" },
]);

export const DEFAULT_LANGUAGE = "en";

/** Best match of the browser's preferred languages; English when none is offered. */
export function pickLanguage(preferred = []) {
  for (const tag of preferred) {
    const base = String(tag).toLowerCase().split("-")[0];
    if (LANGUAGES.some((l) => l.code === base)) return base;
  }
  return DEFAULT_LANGUAGE;
}
