// Step 5a: come back with the receipt code — typed (forgiving spaces, dashes and non-Latin digits)
// or read from the QR. Check digits catch typos before any network call; then the keys are derived,
// the mailbox fetched and everything verified before it is shown.
import { ApiError } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { acceptBundle, checkReceipt, deriveKeys, hasWebAssembly, openMailbox, UnavailableError, verifyConversation } from "../protocol.js";
import { decodeImageFile, scanCamera } from "../receipt/scan.js";
import { button, errorSummary, field, notice, title } from "../ui.js";

export function returnView(ctx) {
  const st = ctx.state.returning ?? (ctx.state.returning = { input: "", error: null, busy: false, scanning: false, scanError: null, progress: null });
  const input = h("input", {
    type: "text", inputmode: "numeric", autocomplete: "off", autocapitalize: "off", spellcheck: "false", class: "input-code",
    oninput: (e) => { st.input = e.target.value; },
  });
  input.value = st.input;
  const errText = st.error ? t(`return.error.${st.error}`) : null;

  const video = h("video", { class: "scan-video", playsinline: true, muted: true });
  let scanner = null;
  const fileInput = h("input", { type: "file", id: "qr-file", class: "file-input", accept: "image/*", onchange: async (e) => {
    const f = e.target.files[0];
    e.target.value = "";
    if (!f) return;
    try { useScanned(await decodeImageFile(f)); } catch { st.scanError = "notfound"; ctx.rerender(); }
  } });

  function useScanned(text) {
    st.input = text;
    st.scanning = false;
    st.scanError = null;
    open();
  }

  async function open() {
    const c = checkReceipt(st.input);
    if (!c.ok) {
      st.error = c.error;
      ctx.rerender();
      document.querySelector(".error-summary")?.focus();
      return;
    }
    st.error = null;
    st.busy = true;
    ctx.rerender();
    try {
      ctx.state.session = await openSession(ctx, c.code, (f) => { st.progress = f; const el = document.querySelector(".open-progress"); if (el) el.textContent = progressText(st); });
      ctx.state.returning = null;
      ctx.go("conversation");
    } catch (e) {
      st.busy = false;
      st.error = e instanceof UnavailableError ? "unavailable" : e instanceof ApiError ? ({ notfound: "notfound", network: "network" }[e.kind] ?? "server") : "server";
      ctx.rerender();
      document.querySelector(".error-summary")?.focus();
    }
  }

  const busy = st.busy ? h("p", { class: "status open-progress", role: "status", "aria-live": "polite" }, progressText(st)) : null;
  const startScan = async () => {
    st.scanning = true; st.scanError = null;
    ctx.rerender();
    const v = document.querySelector(".scan-video");
    scanner = scanCamera(v);
    ctx.state.stopScan = scanner.stop;
    try { useScanned(await scanner.result); } catch (e) {
      if (!st.scanning) return;
      st.scanning = false; st.scanError = "denied"; ctx.rerender();
    }
  };
  const stopScan = () => { st.scanning = false; ctx.state.stopScan?.(); ctx.rerender(); };

  return h("div", { class: "step step-return" },
    title(t("return.title")),
    st.error ? errorSummary([{ id: "code", text: errText }]) : null,
    h("form", { class: "block", novalidate: true, onsubmit: (e) => { e.preventDefault(); if (!st.busy) open(); } },
      field({ id: "code", label: t("return.label"), hint: t("return.hint"), error: errText, control: input }),
      h("div", { class: "actions" }, button(t("return.submit"), null, { type: "submit", disabled: st.busy }))),
    busy,
    h("section", { class: "block" },
      h("h2", {}, t("return.scan.title")),
      st.scanError ? notice(t(`return.scan.${st.scanError}`), "error") : null,
      st.scanning
        ? [h("p", { class: "hint" }, t("return.scan.help")), video, h("div", { class: "actions" }, button(t("return.scan.stop"), stopScan, { variant: "secondary" }))]
        : h("div", { class: "actions" },
            button(t("return.scan.camera"), startScan, { variant: "secondary" }),
            fileInput, h("label", { for: "qr-file", class: "btn btn-secondary file-label" }, t("return.scan.file")))),
    h("div", { class: "actions" }, button(t("app.back"), () => { stopScan(); ctx.state.returning = null; ctx.go("start"); }, { variant: "link" })),
  );
}

function progressText(st) {
  const pct = st.progress != null ? ` ${Math.round(st.progress * 100)} %` : "";
  return t("return.opening") + pct + (hasWebAssembly() ? "" : " " + t("send.stage.keys_slow"));
}

/** Derive keys, fetch the log, open own messages (which record the bundle version seen), verify replies. */
export async function openSession(ctx, code, onProgress) {
  const keys = await deriveKeys(code, onProgress);
  const events = await ctx.api.events(keys, 0);
  if (events.length === 0) throw new ApiError("notfound", "empty mailbox");
  const opened = await openMailbox({ keys, events });
  // A returning reporter refuses any bundle older than the version its own messages recorded.
  const bundle = acceptBundle(await ctx.api.teamBundle(), opened.seenVersion);
  return { keys, bundle, code, conversation: verifyConversation({ keys, bundle, opened }) };
}
