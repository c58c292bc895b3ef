// Every user-facing string comes from a catalog in public/i18n/<lang>.json, fetched same-origin
// only for the language in use. A missing key shows as ⟦key⟧ so the browser tests catch it.
import { LANGUAGES } from "./languages.js";

const catalogs = new Map();
let current = { code: "en", dir: "ltr", strings: {} };

export async function loadLanguage(code) {
  if (!LANGUAGES.some((l) => l.code === code)) throw new Error(`unknown language ${code}`);
  if (!catalogs.has(code)) {
    const res = await fetch(`i18n/${code}.json`, { credentials: "omit", referrerPolicy: "no-referrer", mode: "same-origin" });
    if (!res.ok) throw new Error(`catalog ${code}: ${res.status}`);
    catalogs.set(code, await res.json());
  }
  const c = catalogs.get(code);
  current = { code, dir: c._meta?.dir === "rtl" ? "rtl" : "ltr", strings: c };
  document.documentElement.lang = code;
  document.documentElement.dir = current.dir;
  return current;
}

export const lang = () => current.code;

/** t("key", { name: "x" }) replaces {name}. */
export function t(key, params) {
  const s = current.strings[key];
  if (typeof s !== "string") return `⟦${key}⟧`;
  return params ? s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m)) : s;
}

export function formatDate(date, code = current.code) {
  return new Intl.DateTimeFormat(code, { day: "numeric", month: "long", year: "numeric" }).format(date);
}

/** "2025-03-14" (a server day) → a long local date, without converting through a time zone. */
export function formatDay(day, code = current.code) {
  const [y, m, d] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(code, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function monthNames(code = current.code) {
  const f = new Intl.DateTimeFormat(code, { month: "long", timeZone: "UTC" });
  return Array.from({ length: 12 }, (_, i) => f.format(new Date(Date.UTC(2024, i, 15))));
}
