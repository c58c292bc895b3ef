// Step 1: what this is, who can read it, what is kept, what you get, how to stay safe.
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { teamFingerprint } from "../protocol.js";
import { button, p, section, title } from "../ui.js";
import { languageList } from "./lang.js";

export function startView(ctx) {
  return h("div", { class: "step step-start" },
    title(t("start.title")),
    p("start.intro", null, "lead"),
    h("nav", { class: "block", "aria-label": t("start.choose_language") },
      h("h2", {}, t("start.choose_language")),
      languageList(ctx)),
    h("div", { class: "actions" },
      button(t("start.new"), () => ctx.go("report")),
      button(t("start.return"), () => ctx.go("return"), { variant: "secondary" })),
    p("start.photos_tip", null, "hint"),
    section("start.who_reads.title",
      p("start.who_reads.text"),
      h("p", { class: "fingerprint-label" }, t("start.fingerprint.label")),
      h("p", { class: "fingerprint", translate: "no" }, teamFingerprint()),
      p("start.fingerprint.text")),
    section("start.kept.title", p("start.kept.text")),
    section("start.get.title", p("start.get.text")),
    section("start.safety.title",
      h("ul", { class: "list" },
        h("li", {}, t("start.safety.wifi")),
        h("li", {}, t("start.safety.private")),
        h("li", {}, t("start.safety.exit")))),
  );
}
