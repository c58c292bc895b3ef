// Step 3: fetch and verify the team bundle, draw a receipt code, derive keys, seal the report and
// photos, solve the puzzle, upload. Progress text says honestly what is happening. A retry resumes
// with the same code, keys and client event ids, so nothing is ever sent twice.
import { ApiError } from "../api.js";
import { h } from "../dom.js";
import { lang, t } from "../i18n.js";
import { acceptBundle, deriveKeys, hasWebAssembly, newReceipt, sealReport, TooLongError, UnavailableError } from "../protocol.js";
import { clearPhotos, newDraft } from "../state.js";
import { button, notice, title } from "../ui.js";
import { reportForm } from "./report.js";

const STAGES = ["bundle", "code", "keys", "lock", "puzzle", "upload"];

export function sendView(ctx) {
  const s = ctx.state.sending ?? (ctx.state.sending = { stage: null, progress: null, error: null, work: {} });
  const list = h("ol", { class: "stages" });
  const status = h("p", { class: "status", role: "status", "aria-live": "polite" });
  const errorBox = h("div", {});
  const root = h("div", { class: "step step-send" }, title(t("send.title")), h("p", { class: "lead" }, t("send.keep_open")), list, status, errorBox);

  function draw() {
    const at = STAGES.indexOf(s.stage);
    list.replaceChildren(...STAGES.map((st, i) => h("li", { class: ["stage", i < at && "is-done", i === at && !s.error && "is-current"] },
      h("span", { class: "stage-mark", "aria-hidden": "true" }, i < at ? "✓" : i === at ? "…" : ""),
      h("span", { class: "visually-hidden" }, i < at ? t("send.done_prefix") : ""),
      t(`send.stage.${st}`))));
    const extra = s.stage === "keys" && !hasWebAssembly() ? " " + t("send.stage.keys_slow") : "";
    const pct = s.progress != null ? ` ${Math.round(s.progress * 100)} %` : "";
    status.textContent = s.error ? "" : s.stage ? t(`send.stage.${s.stage}`) + pct + extra : "";
    errorBox.replaceChildren(...(s.error ? [
      notice(h("div", {}, h("h2", {}, t("send.error.title")), h("p", {}, t(`send.error.${s.error}`))), "error"),
      h("div", { class: "actions" },
        button(t("send.retry"), () => { s.error = null; run(); }),
        s.work.uploaded ? null : button(t("send.back_to_form"), () => { if (s.error === "toolong") s.work.sealed = null; ctx.state.sending = null; ctx.go("report"); }, { variant: "secondary" })),
    ] : []));
  }
  s.draw = draw;
  draw();
  if (!s.running && !s.error && !s.stage) queueMicrotask(run);
  return root;

  async function run() {
    s.running = true;
    const w = s.work;
    const stage = (st) => { s.stage = st; s.progress = null; s.draw?.(); };
    try {
      stage("bundle");
      if (!w.bundle) w.bundle = acceptBundle(await ctx.api.teamBundle());
      stage("code");
      if (!w.code) w.code = newReceipt();
      stage("keys");
      if (!w.keys) w.keys = await deriveKeys(w.code, (f) => { s.progress = f; s.draw?.(); });
      stage("lock");
      const d = ctx.state.draft;
      if (!w.sealed) {
        w.sealed = await sealReport({ keys: w.keys, bundle: w.bundle, lang: lang(), text: d.story, form: reportForm(d, lang()), photos: d.photos });
      }
      stage("puzzle");
      // One call: the server admits the report and its photos together (docs/api.md, create).
      await ctx.api.createMailbox(w.keys, w.sealed, { onPuzzle: (f) => { s.progress = f; s.draw?.(); }, onSolved: () => stage("upload") });
      w.uploaded = true;
      ctx.state.receipt = { code: w.code, sentAt: new Date(), confirmed: false };
      ctx.state.session = { keys: w.keys, bundle: w.bundle };
      clearPhotos();
      ctx.state.draft = newDraft();
      ctx.state.sending = null;
      ctx.go("receipt");
    } catch (e) {
      s.error = e instanceof TooLongError ? "toolong" : e instanceof UnavailableError ? "bundle"
        : e instanceof ApiError ? ({ network: "network", unavailable: "unavailable", toolarge: "toolong" }[e.kind] ?? "server")
        : "server";
      s.draw?.();
      ctx.state.sending.lastError = String(e?.message ?? e); // kept in memory for the tests only
    } finally {
      s.running = false;
    }
  }
}
