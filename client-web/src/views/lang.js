// Language choice: each language named in itself and marked with its own lang attribute, so a
// screen reader pronounces "Română" as Romanian.
import { h } from "../dom.js";
import { lang, t } from "../i18n.js";
import { LANGUAGES } from "../languages.js";

export function languageList(ctx) {
  return h("ul", { class: "lang-list" }, LANGUAGES.map((l) => h("li", {},
    h("button", {
      type: "button", class: ["btn", "btn-lang", l.code === lang() && "is-current"], lang: l.code,
      "aria-pressed": l.code === lang() ? "true" : "false",
      onclick: () => ctx.setLanguage(l.code),
    }, l.name))));
}

/** The footer's language switch, a native disclosure (no script needed to open it). */
export function languageSwitch(ctx) {
  const current = LANGUAGES.find((l) => l.code === lang());
  return h("details", { class: "langs" },
    h("summary", { class: "lang-current" }, `${t("app.language")}:`, h("span", { lang: current.code }, current.name)),
    languageList(ctx));
}
