// Form and page components in the GOV.UK manner: one label per control, hints and errors wired with
// aria-describedby, an error summary that takes focus, big touch targets (styled in app.css).
import { h, uid } from "./dom.js";
import { t } from "./i18n.js";

export const title = (text) => h("h1", { class: "title", tabindex: "-1" }, text);
export const p = (key, params, cls) => h("p", { class: cls }, t(key, params));
export const section = (headingKey, ...children) => h("section", { class: "block" }, h("h2", {}, t(headingKey)), ...children);

export function button(text, onclick, { variant = "primary", type = "button", id, disabled } = {}) {
  return h("button", { type, class: ["btn", `btn-${variant}`], onclick, id, disabled }, text);
}

export function notice(text, kind = "info") {
  return h("div", { class: ["notice", `notice-${kind}`], role: kind === "error" ? "alert" : undefined }, text);
}

function describedBy(...ids) {
  const s = ids.filter(Boolean).join(" ");
  return s || undefined;
}

/** A fieldset of radio buttons. `options` is [[value, label, hintText?]]. */
export function radios({ name, legend, hint, options, value, onchange, error, id }) {
  const hintId = hint ? uid("hint") : null;
  const errId = error ? uid("err") : null;
  return h("fieldset", { class: ["field", error && "field-error"], id, "aria-describedby": describedBy(hintId, errId) },
    h("legend", {}, legend),
    hint && h("p", { class: "hint", id: hintId }, hint),
    error && h("p", { class: "error-msg", id: errId }, error),
    h("div", { class: "choices" }, options.map(([v, label]) => {
      const iid = uid(name);
      return h("div", { class: "choice" },
        h("input", { type: "radio", name, id: iid, value: v, checked: value === v, onchange: () => onchange(v) }),
        h("label", { for: iid }, label));
    })));
}

export function checkboxes({ name, legend, hint, options, values, onchange }) {
  const hintId = hint ? uid("hint") : null;
  return h("fieldset", { class: "field", "aria-describedby": hintId ?? undefined },
    h("legend", {}, legend),
    hint && h("p", { class: "hint", id: hintId }, hint),
    h("div", { class: "choices" }, options.map(([v, label]) => {
      const iid = uid(name);
      return h("div", { class: "choice choice-check" },
        h("input", {
          type: "checkbox", name, id: iid, value: v, checked: values.includes(v),
          onchange: (e) => onchange([...e.target.closest("fieldset").querySelectorAll("input:checked")].map((i) => i.value)),
        }),
        h("label", { for: iid }, label));
    })));
}

/** A labelled single control (input, textarea or select) with optional hint and error. */
export function field({ label, hint, error, control, id }) {
  const cid = id ?? uid("f");
  const hintId = hint ? uid("hint") : null;
  const errId = error ? uid("err") : null;
  control.id = cid;
  const d = describedBy(hintId, errId);
  if (d) control.setAttribute("aria-describedby", d);
  if (error) control.setAttribute("aria-invalid", "true");
  return h("div", { class: ["field", error && "field-error"] },
    h("label", { for: cid, class: "label" }, label),
    hint && h("p", { class: "hint", id: hintId }, hint),
    error && h("p", { class: "error-msg", id: errId }, error),
    control);
}

/** GOV.UK-style error summary; links move focus to the field without touching the URL. */
export function errorSummary(errors) {
  const box = h("div", { class: "error-summary", role: "alert", tabindex: "-1" },
    h("h2", {}, t("form.errors_title")),
    h("ul", {}, errors.map((e) => h("li", {}, h("a", {
      href: "#" + e.id,
      onclick: (ev) => { ev.preventDefault(); document.getElementById(e.id)?.focus(); },
    }, e.text)))));
  return box;
}
