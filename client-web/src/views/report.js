// Step 2: the report form (DESIGN.md "The report"). Only the story is required; every question says
// why it asks. Answers are kept in memory only, and only as codes — the desk maps them to words.
import { h } from "../dom.js";
import { lang, monthNames, t } from "../i18n.js";
import { LANGUAGES } from "../languages.js";
import { button, checkboxes, errorSummary, field, p, radios, title } from "../ui.js";
import { photosField } from "./photos.js";

export const OPTIONS = {
  kind: ["complaint", "question", "help", "story"],
  about: ["operator", "agency", "municipality", "police", "tax", "bank", "landlord", "care", "client", "other"],
  topics: ["work", "money", "enforcement", "housing", "tax", "health", "residence", "stigma", "violence", "exiting", "other"],
  want: ["listen", "info", "self", "act", "count"],
  reach: ["anonymous", "workname", "contact"],
  reporter: ["self", "other"],
  caseworker: ["any", "woman", "man", "nonbinary"],
};
export const STORY_MAX = 20000;

const opts = (group) => OPTIONS[group].map((v) => [v, t(`report.${group}.${v}`)]);

export function reportView(ctx) {
  const d = ctx.state.draft;
  const errors = ctx.state.formErrors ?? [];
  const storyError = errors.find((e) => e.id === "story");
  const set = (k) => (v) => { d[k] = v; };

  const story = h("textarea", { rows: "8", maxlength: String(STORY_MAX), name: "story", spellcheck: "true", oninput: (e) => { d.story = e.target.value; } });
  story.value = d.story;

  const place = h("input", { type: "text", name: "place", autocomplete: "off", maxlength: "80", oninput: (e) => { d.place = e.target.value; } });
  place.value = d.place;
  const address = h("input", { type: "text", name: "address", autocomplete: "off", maxlength: "80", oninput: (e) => { d.address = e.target.value; } });
  address.value = d.address;

  const year = new Date().getFullYear();
  const monthSel = h("select", { name: "month", onchange: (e) => { d.month = e.target.value; } },
    h("option", { value: "" }, "—"),
    monthNames().map((m, i) => h("option", { value: String(i + 1).padStart(2, "0") }, m)));
  monthSel.value = d.month;
  const yearSel = h("select", { name: "year", onchange: (e) => { d.year = e.target.value; } },
    h("option", { value: "" }, "—"),
    Array.from({ length: 6 }, (_, i) => h("option", { value: String(year - i) }, String(year - i))),
    h("option", { value: "earlier" }, t("report.when.earlier")));
  yearSel.value = d.year;

  const replyLang = h("select", { name: "replyLanguage", onchange: (e) => { d.replyLanguage = e.target.value; } },
    LANGUAGES.map((l) => h("option", { value: l.code, lang: l.code }, l.name)),
    h("option", { value: "other" }, t("report.replylang.other")));
  replyLang.value = d.replyLanguage || lang();

  function submit() {
    const errs = [];
    if (!d.story.trim()) errs.push({ id: "story", text: t("report.story.error") });
    ctx.state.formErrors = errs;
    if (errs.length) {
      ctx.rerender();
      document.querySelector(".error-summary")?.focus();
      return;
    }
    if (!d.replyLanguage) d.replyLanguage = lang();
    ctx.go("send");
  }

  return h("form", { class: "step step-report", novalidate: true, onsubmit: (e) => { e.preventDefault(); submit(); } },
    title(t("report.title")),
    errors.length ? errorSummary(errors) : null,
    p("report.intro", null, "lead"),
    photosField(),
    radios({ name: "kind", legend: t("report.kind.legend"), hint: t("report.kind.hint"), options: opts("kind"), value: d.kind, onchange: set("kind") }),
    field({ id: "story", label: t("report.story.label"), hint: t("report.story.hint"), error: storyError?.text, control: story }),
    radios({ name: "about", legend: t("report.about.legend"), hint: t("report.about.hint"), options: opts("about"), value: d.about, onchange: set("about") }),
    checkboxes({ name: "topics", legend: t("report.topics.legend"), hint: t("report.topics.hint"), options: opts("topics"), values: d.topics, onchange: (v) => { d.topics = v; } }),
    field({ label: t("report.place.label"), hint: t("report.place.hint"), control: place }),
    h("fieldset", { class: "field" },
      h("legend", {}, t("report.when.legend")),
      h("p", { class: "hint" }, t("report.when.hint")),
      h("div", { class: "inline-fields" },
        field({ label: t("report.when.month"), control: monthSel }),
        field({ label: t("report.when.year"), control: yearSel }))),
    radios({ name: "want", legend: t("report.want.legend"), hint: t("report.want.hint"), options: opts("want"), value: d.want, onchange: set("want") }),
    radios({ name: "reach", legend: t("report.reach.legend"), hint: t("report.reach.hint"), options: opts("reach"), value: d.reach, onchange: set("reach") }),
    radios({ name: "reporter", legend: t("report.reporter.legend"), hint: t("report.reporter.hint"), options: opts("reporter"), value: d.reporter, onchange: set("reporter") }),
    field({ label: t("report.replylang.label"), hint: t("report.replylang.hint"), control: replyLang }),
    radios({ name: "caseworker", legend: t("report.caseworker.legend"), hint: t("report.caseworker.hint"), options: opts("caseworker"), value: d.caseworker, onchange: set("caseworker") }),
    field({ label: t("report.address.label"), hint: t("report.address.hint"), control: address }),
    h("div", { class: "block send-box" },
      p("report.send_hint"),
      h("div", { class: "actions" },
        button(t("report.send"), null, { type: "submit" }),
        button(t("app.back"), () => ctx.go("start"), { variant: "secondary" }))),
  );
}

/** The report as sent: codes only, empty answers left out. */
export function reportBody(d, uiLanguage) {
  const when = d.year === "earlier" ? "earlier" : d.year ? (d.month ? `${d.year}-${d.month}` : d.year) : "";
  const body = {
    kind: d.kind, about: d.about, topics: d.topics.length ? [...d.topics].sort() : undefined, place: d.place.trim(), when,
    want: d.want, reach: d.reach, reporter: d.reporter, replyLanguage: d.replyLanguage || uiLanguage,
    caseworker: d.caseworker, address: d.address.trim(), story: d.story, uiLanguage, photos: d.photos.length,
  };
  for (const k of Object.keys(body)) if (body[k] === "" || body[k] === undefined) delete body[k];
  return body;
}
