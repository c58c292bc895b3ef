// Step 4: the receipt code — the only key to the conversation. Large grouped digits and a QR code;
// the default advice is to write it down; print and a neutral image are offered with a warning about
// galleries synced to the cloud; a check that the code was kept before leaving.
import { h, uid } from "../dom.js";
import { formatDate, t } from "../i18n.js";
import { ACK_DAYS, FEEDBACK_MONTHS } from "../deployment.js";
import { formatReceipt } from "../protocol.js";
import { receiptImage } from "../receipt/image.js";
import { qrSvg } from "../receipt/qr.js";
import { wipe } from "../state.js";
import { button, field, notice, p, section, title } from "../ui.js";

export function addDays(d, n) { const x = new Date(d); x.setDate(x.getDate() + n); return x; }
export function addMonths(d, n) {
  const x = new Date(d);
  const day = x.getDate();
  x.setDate(1); x.setMonth(x.getMonth() + n);
  x.setDate(Math.min(day, new Date(x.getFullYear(), x.getMonth() + 1, 0).getDate()));
  return x;
}

export function receiptView(ctx) {
  const r = ctx.state.receipt;
  const groups = formatReceipt(r.code).split(" ");
  const spoken = groups.map((g) => [...g].join(" ")).join(", ");

  const codeBox = h("div", { class: "print-area" },
    h("p", { class: "code", translate: "no", "aria-hidden": "true" }, groups.map((g) => h("span", { class: "code-group" }, g))),
    h("p", { class: "visually-hidden" }, spoken),
    qrSvg(r.code, t("receipt.qr_label")));

  // A blob: URL — the browser saves the file; nothing leaves the device. The name is neutral too.
  r.imageUrl ??= URL.createObjectURL(new Blob([receiptImage(r.code).gif], { type: "image/gif" }));
  const saveLink = h("a", { class: "btn btn-secondary", href: r.imageUrl, download: "image.gif" }, t("receipt.keep.save"));

  const confirmInput = h("input", { type: "text", inputmode: "numeric", autocomplete: "off", maxlength: "9", class: "input-short", spellcheck: "false" });
  const confirmError = r.confirmError ? t("receipt.confirm.error") : null;
  const confirmField = field({ label: t("receipt.confirm.label"), hint: t("receipt.confirm.hint"), error: confirmError, control: confirmInput });

  function confirm() {
    const typed = confirmInput.value.replace(/\D/g, "");
    r.confirmed = typed === r.code.slice(-4);
    r.confirmError = !r.confirmed;
    ctx.rerender();
    document.querySelector(r.confirmed ? ".confirm-ok" : "input.input-short")?.focus();
  }

  return h("div", { class: "step step-receipt" },
    title(t("receipt.title")),
    h("h2", {}, t("receipt.code_label")),
    codeBox,
    notice(t("receipt.explain"), "warn"),
    h("p", { class: "strong" }, t("receipt.lost")),
    section("receipt.keep.title",
      p("receipt.keep.write", null, "strong"),
      h("div", { class: "actions" }, button(t("receipt.keep.print"), () => window.print(), { variant: "secondary" })),
      p("receipt.keep.save_warning", null, "hint"),
      h("div", { class: "actions" }, saveLink)),
    section("receipt.next.title",
      h("ul", { class: "list" },
        h("li", {}, t("receipt.next.ack", { date: formatDate(addDays(r.sentAt, ACK_DAYS)) })),
        h("li", {}, t("receipt.next.feedback", { date: formatDate(addMonths(r.sentAt, FEEDBACK_MONTHS)) }))),
      p("receipt.next.how")),
    r.confirmed
      ? h("div", { class: "block" },
          h("p", { class: "notice notice-ok confirm-ok", tabindex: "-1", role: "status" }, t("receipt.confirm.ok")),
          h("div", { class: "actions" }, button(t("receipt.finish"), () => { URL.revokeObjectURL(r.imageUrl); wipe(); ctx.go("start"); })))
      : h("form", { class: "block", novalidate: true, onsubmit: (e) => { e.preventDefault(); confirm(); } },
          confirmField,
          h("div", { class: "actions" }, button(t("receipt.confirm.button"), null, { type: "submit" }))),
  );
}
