// The shell: a sticky bar with quick exit, one <main> per step, a footer with the language switch.
// Steps are rendered from memory; the URL never changes and no history entries are added, so quick
// exit's location.replace leaves nothing of this site behind the Back button.
import { h } from "./dom.js";
import { installEscape, quickExit, armUnloadGuard } from "./exit.js";
import { loadLanguage, t } from "./i18n.js";
import { languageSwitch } from "./views/lang.js";
import { STANDIN } from "./protocol.js";
import { DEPLOYMENT } from "./deployment.js";
import { draftHasContent, state } from "./state.js";
import { createApi } from "./api.js";
import { startView } from "./views/start.js";
import { reportView } from "./views/report.js";
import { sendView } from "./views/send.js";
import { receiptView } from "./views/receipt.js";
import { returnView } from "./views/return.js";
import { conversationView } from "./views/conversation.js";
import { forgottenView } from "./views/forgotten.js";

const VIEWS = { start: startView, report: reportView, send: sendView, receipt: receiptView, return: returnView, conversation: conversationView, forgotten: forgottenView };

export function startApp(root) {
  const api = createApi();
  const ctx = {
    api,
    state,
    go(step, { focus = true } = {}) {
      state.step = step;
      render(focus);
    },
    rerender: () => render(false),
    async setLanguage(code) {
      await loadLanguage(code);
      render(false);
      document.querySelector(".lang-current")?.focus();
    },
  };

  const main = h("main", { id: "main", tabindex: "-1" });
  const bar = h("header", { class: "bar" });
  const footer = h("footer", { class: "foot" });
  root.replaceChildren(bar, main, footer);

  function render(focus) {
    bar.replaceChildren(
      h("span", { class: "bar-note" }, t("app.exit_hint_short")),
      h("button", { type: "button", class: "btn btn-exit", onclick: quickExit }, t("app.exit")),
    );
    const banner = STANDIN || DEPLOYMENT.test ? h("p", { class: "test-banner", role: "note" }, t("app.test_version")) : null;
    main.replaceChildren(...[banner, VIEWS[state.step](ctx)].filter(Boolean));
    footer.replaceChildren(languageSwitch(ctx));
    if (focus) {
      window.scrollTo(0, 0);
      main.querySelector("h1")?.focus();
    }
  }

  installEscape();
  armUnloadGuard(() => (state.step === "report" && draftHasContent()) || state.step === "send" || (state.step === "receipt" && !state.receipt?.confirmed));
  render(false);
}
