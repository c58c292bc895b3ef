// After "forget me": the mailbox is gone from the server and the code no longer works.
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { button, p, title } from "../ui.js";

export function forgottenView(ctx) {
  return h("div", { class: "step step-forgotten" },
    title(t("forgotten.title")),
    p("forgotten.text"),
    h("div", { class: "actions" }, button(t("forgotten.start"), () => ctx.go("start"), { variant: "secondary" })));
}
