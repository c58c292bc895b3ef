// Step 5b: the conversation. Own messages are shown after checking the mailbox signature and the
// sequence number the server filed them under; replies only when signed by a team key from the
// verified bundle, marked as such. A gap says "a message may be missing". Decrypted text is hostile
// input: it is only ever a text node.
import { h } from "../dom.js";
import { formatDay, lang, monthNames, t } from "../i18n.js";
import { acceptBundle, openMailbox, sealMessage, verifyConversation } from "../protocol.js";
import { wipe } from "../state.js";
import { button, field, notice, title } from "../ui.js";
import { answerText, legendText, QUESTIONS } from "./report.js";

function formatMonth(m) {
  const x = /^(\d{4})-(\d{2})$/.exec(m);
  return x && +x[2] >= 1 && +x[2] <= 12 ? `${monthNames()[+x[2] - 1]} ${x[1]}` : null;
}

function reportSummary(form) {
  if (!form || typeof form !== "object") return null;
  const rows = [];
  for (const k of Object.keys(QUESTIONS)) {
    const text = answerText(k, form[k]);
    if (text) rows.push([legendText(k), text]);
  }
  if (typeof form.place === "string" && form.place) rows.push([t("report.place.label"), form.place]);
  const month = typeof form.month === "string" ? formatMonth(form.month) : null;
  if (month) rows.push([t("report.when.legend"), month]);
  return rows.length ? h("dl", { class: "summary" }, rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])) : null;
}

function messageItem(it) {
  const p = it.payload;
  const mine = it.from === "me";
  const day = mine ? it.ev.day : (typeof p.day === "string" ? p.day : it.ev.day);
  const photos = mine && Array.isArray(p.attachments) ? p.attachments.length : 0;
  return h("li", { class: ["msg", mine ? "msg-me" : "msg-team"] },
    h("p", { class: "msg-meta" },
      h("span", { class: "msg-who" }, mine ? t("conv.you") : t("conv.team")),
      " · ", /^\d{4}-\d{2}-\d{2}$/.test(day) ? formatDay(day) : ""),
    !mine ? h("p", { class: "msg-verified" }, t("conv.verified")) : null,
    h("p", { class: "msg-text" }, typeof p.text === "string" ? p.text : ""),
    mine && p.kind === "report" ? reportSummary(p.form) : null,
    photos > 0 ? h("p", { class: "hint" }, t("conv.photos", { n: photos })) : null,
  );
}

export function conversationView(ctx) {
  const s = ctx.state.session;
  const c = s.conversation;
  const ui = s.ui ?? (s.ui = { text: "", error: null, busy: false, confirmForget: false, notice: null });
  const hasReply = c.items.some((i) => i.from === "team");

  async function refresh() {
    const events = await ctx.api.events(s.keys, 0);
    const opened = await openMailbox({ keys: s.keys, events });
    s.bundle = acceptBundle(await ctx.api.teamBundle(), Math.max(opened.seenVersion, s.bundle.version));
    s.conversation = verifyConversation({ keys: s.keys, bundle: s.bundle, opened });
  }

  async function send() {
    if (!ui.text.trim()) { ui.error = "empty"; ctx.rerender(); document.querySelector("textarea")?.focus(); return; }
    ui.busy = true; ui.error = null; ctx.rerender();
    try {
      await refresh(); // the message carries the server seq it will get and the last event seen
      const m = await sealMessage({ keys: s.keys, bundle: s.bundle, lang: lang(), text: ui.text, seq: s.conversation.nextSeq, lastSeen: s.conversation.lastSeen });
      await ctx.api.append(s.keys, m);
      ui.text = ""; ui.notice = "sent";
      await refresh();
    } catch {
      ui.error = "send";
    }
    ui.busy = false;
    ctx.rerender();
    document.querySelector(ui.error ? "textarea" : ".conv-notice")?.focus();
  }

  async function forget() {
    ui.busy = true; ctx.rerender();
    try {
      await ctx.api.delete(s.keys);
      wipe();
      ctx.go("forgotten");
    } catch {
      ui.busy = false; ui.error = "forget"; ctx.rerender();
    }
  }

  const textarea = h("textarea", { rows: "5", maxlength: "20000", oninput: (e) => { ui.text = e.target.value; } });
  textarea.value = ui.text;

  return h("div", { class: "step step-conversation" },
    title(t("conv.title")),
    ui.notice === "sent" ? h("p", { class: "notice notice-ok conv-notice", role: "status", tabindex: "-1" }, t("conv.sent")) : null,
    c.gap ? notice(t("conv.gap"), "warn") : null,
    c.unverified > 0 ? notice(t("conv.unverified"), "warn") : null,
    h("ol", { class: "messages" }, c.items.map(messageItem)),
    hasReply ? null : h("p", { class: "notice" }, t("conv.no_reply")),
    h("div", { class: "actions" }, button(t("conv.refresh"), async () => { ui.notice = null; try { await refresh(); } catch { ui.error = "refresh"; } ctx.rerender(); }, { variant: "secondary" })),
    h("form", { class: "block", novalidate: true, onsubmit: (e) => { e.preventDefault(); if (!ui.busy) send(); } },
      h("h2", {}, t("conv.write.title")),
      field({ label: t("conv.write.label"), hint: t("conv.write.hint"), error: ui.error === "empty" ? t("conv.write.empty") : ui.error === "send" ? t("conv.write.failed") : null, control: textarea }),
      h("div", { class: "actions" }, button(t("conv.write.send"), null, { type: "submit", disabled: ui.busy }))),
    h("section", { class: "block danger-zone" },
      h("h2", {}, t("conv.forget.title")),
      h("p", {}, t("conv.forget.text")),
      ui.error === "forget" ? notice(t("conv.forget.failed"), "error") : null,
      ui.confirmForget
        ? h("div", { class: "confirm", role: "group", "aria-labelledby": "forget-q" },
            h("p", { id: "forget-q", class: "strong", tabindex: "-1" }, t("conv.forget.confirm")),
            h("div", { class: "actions" },
              button(t("conv.forget.yes"), forget, { variant: "danger", disabled: ui.busy }),
              button(t("conv.forget.no"), () => { ui.confirmForget = false; ctx.rerender(); }, { variant: "secondary" })))
        : h("div", { class: "actions" }, button(t("conv.forget.button"), () => { ui.confirmForget = true; ctx.rerender(); document.getElementById("forget-q")?.focus(); }, { variant: "danger" }))),
    h("div", { class: "actions" }, button(t("conv.close"), () => { wipe(); ctx.go("start"); }, { variant: "link" })),
  );
}
