// Step 2: the report form (DESIGN.md "The report"; the codes are protocol §7.4). Only the story is
// required; every question says why it asks. Answers are kept in memory only, and sent only as
// codes — the desk maps them to words.
import { h } from "../dom.js";
import { lang, monthNames, t } from "../i18n.js";
import { LANGUAGES } from "../languages.js";
import { MAX_TEXT_CHARS } from "../protocol.js";
import { button, errorSummary, field, p, radios, title } from "../ui.js";
import { photosField } from "./photos.js";

/** field (§7.4) → [catalog group, [[code, catalog key suffix]]] */
export const QUESTIONS = {
  kind: ["kind", [["complaint", "complaint"], ["question", "question"], ["help", "help"], ["story", "story"]]],
  about: ["about", [["exploitant", "operator"], ["escort_agency", "agency"], ["gemeente", "municipality"], ["police", "police"], ["tax_kvk", "tax"],
    ["bank_insurer", "bank"], ["landlord", "landlord"], ["health_social", "care"], ["client", "client"], ["other", "other"]]],
  topic: ["topics", ["work", "money", "enforcement", "housing", "tax", "health", "residence", "stigma", "violence", "exiting", "other"].map((c) => [c, c])],
  wants: ["want", [["listen", "listen"], ["rights_info", "info"], ["help_complain", "self"], ["act_for_me", "act"], ["count_only", "count"]]],
  consent: ["reach", [["anonymous", "anonymous"], ["work_name", "workname"], ["contact_party", "contact"]]],
  reporter: ["reporter", [["self", "self"], ["on_behalf", "other"]]],
  caseworkerGender: ["caseworker", [["no_preference", "any"], ["woman", "woman"], ["man", "man"], ["non_binary", "nonbinary"]]],
};
/** The catalog text of an answer code, or null for a code we do not know. */
export function answerText(fieldName, code) {
  const q = QUESTIONS[fieldName];
  const hit = q?.[1].find(([c]) => c === code);
  return hit ? t(`report.${q[0]}.${hit[1]}`) : null;
}
export const legendText = (fieldName) => t(`report.${QUESTIONS[fieldName][0]}.legend`);

function question(d, name) {
  const [group, options] = QUESTIONS[name];
  return radios({
    name, legend: t(`report.${group}.legend`), hint: t(`report.${group}.hint`),
    options: options.map(([code, key]) => [code, t(`report.${group}.${key}`)]), value: d[name], onchange: (v) => { d[name] = v; },
  });
}

/** The last 24 months, newest first, as [YYYY-MM, "March 2025"]. */
function recentMonths(now = new Date()) {
  const names = monthNames();
  return Array.from({ length: 24 }, (_, i) => {
    const m = new Date(now.getFullYear(), now.getMonth() - i, 1);
    return [`${m.getFullYear()}-${String(m.getMonth() + 1).padStart(2, "0")}`, `${names[m.getMonth()]} ${m.getFullYear()}`];
  });
}

export function reportView(ctx) {
  const d = ctx.state.draft;
  const errors = ctx.state.formErrors ?? [];
  const storyError = errors.find((e) => e.id === "story");

  const story = h("textarea", { rows: "8", maxlength: String(MAX_TEXT_CHARS), name: "story", spellcheck: "true", oninput: (e) => { d.story = e.target.value; } });
  story.value = d.story;
  const place = h("input", { type: "text", name: "place", autocomplete: "off", maxlength: "80", oninput: (e) => { d.place = e.target.value; } });
  place.value = d.place;
  const month = h("select", { name: "month", onchange: (e) => { d.month = e.target.value; } },
    h("option", { value: "" }, "—"),
    recentMonths().map(([v, label]) => h("option", { value: v }, label)));
  month.value = d.month;
  const replyLang = h("select", { name: "replyLang", onchange: (e) => { d.replyLang = e.target.value; } },
    LANGUAGES.map((l) => h("option", { value: l.code, lang: l.code }, l.name)),
    h("option", { value: "other" }, t("report.replylang.other")));
  replyLang.value = d.replyLang || lang();

  function submit() {
    const errs = [];
    if (!d.story.trim()) errs.push({ id: "story", text: t("report.story.error") });
    ctx.state.formErrors = errs;
    if (errs.length) {
      ctx.rerender();
      document.querySelector(".error-summary")?.focus();
      return;
    }
    if (!d.replyLang) d.replyLang = lang();
    ctx.go("send");
  }

  return h("form", { class: "step step-report", novalidate: true, onsubmit: (e) => { e.preventDefault(); submit(); } },
    title(t("report.title")),
    errors.length ? errorSummary(errors) : null,
    p("report.intro", null, "lead"),
    photosField(),
    question(d, "kind"),
    field({ id: "story", label: t("report.story.label"), hint: t("report.story.hint"), error: storyError?.text, control: story }),
    question(d, "about"),
    question(d, "topic"),
    field({ label: t("report.place.label"), hint: t("report.place.hint"), control: place }),
    field({ label: t("report.when.legend"), hint: t("report.when.hint"), control: month }),
    question(d, "wants"),
    question(d, "consent"),
    question(d, "reporter"),
    field({ label: t("report.replylang.label"), hint: t("report.replylang.hint"), control: replyLang }),
    question(d, "caseworkerGender"),
    h("div", { class: "block send-box" },
      p("report.send_hint"),
      h("div", { class: "actions" },
        button(t("report.send"), null, { type: "submit" }),
        button(t("app.back"), () => ctx.go("start"), { variant: "secondary" }))),
  );
}

/** The §7.4 form object: only answered fields. */
export function reportForm(d, uiLanguage) {
  const form = {};
  for (const k of Object.keys(QUESTIONS)) if (d[k]) form[k] = d[k];
  if (d.place.trim()) form.place = d.place; // cleaned and cut to 80 characters by sealReport
  if (/^\d{4}-\d{2}$/.test(d.month)) form.month = d.month;
  form.replyLang = d.replyLang || uiLanguage;
  return form;
}
