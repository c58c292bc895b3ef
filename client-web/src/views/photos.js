// Photos of letters or contracts, offered FIRST on the form (Android may kill the tab while the
// camera is open, so a reporter can add photos before writing anything). Each file is cleaned on the
// device at the byte level the moment it is picked; a file that cannot be cleaned is not added —
// there is no path that keeps the original.
import { h, uid } from "../dom.js";
import { t } from "../i18n.js";
import { cleanPhoto, PhotoError } from "../photo/clean.js";
import { state } from "../state.js";

export const MAX_PHOTOS = 3; // the server's limits.max-attachments default (docs/api.md)
const MAX_INPUT_BYTES = 40 * 1024 * 1024; // refuse before reading huge files into memory

export function photosField() {
  const box = h("fieldset", { class: "field photos" });
  const inputId = uid("photos");
  const hintId = uid("hint");
  const live = h("p", { class: "visually-hidden", "aria-live": "polite" });
  let errors = [];

  async function add(files) {
    errors = [];
    let added = 0;
    for (const file of files) {
      if (state.draft.photos.length >= MAX_PHOTOS) {
        errors.push(t("report.photos.error_many", { max: MAX_PHOTOS }));
        break;
      }
      try {
        if (file.size > MAX_INPUT_BYTES) throw new PhotoError("large", "input");
        const cleaned = cleanPhoto(new Uint8Array(await file.arrayBuffer()));
        const url = URL.createObjectURL(new Blob([cleaned.bytes], { type: cleaned.type }));
        state.draft.photos.push({ ...cleaned, url });
        added++;
      } catch (e) {
        const kind = e instanceof PhotoError ? e.kind : "damaged";
        errors.push(t(`report.photos.error_${kind}`, { name: file.name }));
      }
    }
    draw();
    live.textContent = [added ? t("report.photos.added_live", { n: added }) : "", ...errors].filter(Boolean).join(" ");
  }

  function draw() {
    const input = h("input", {
      type: "file", id: inputId, class: "file-input", accept: "image/jpeg,image/png", multiple: true,
      "aria-describedby": hintId,
      onchange: (e) => { const files = [...e.target.files]; e.target.value = ""; add(files); },
    });
    box.replaceChildren(...[
      h("legend", {}, t("report.photos.legend")),
      h("p", { class: "hint", id: hintId }, t("report.photos.hint")),
      errors.length ? h("ul", { class: "error-msg" }, errors.map((e) => h("li", {}, e))) : null,
      state.draft.photos.length ? h("ul", { class: "photo-list" }, state.draft.photos.map((ph, i) => h("li", { class: "photo" },
        h("img", { src: ph.url, alt: t("report.photos.alt", { n: i + 1 }), class: `thumb orient-${ph.orientation || 1}` }),
        h("span", { class: "photo-note" }, t("report.photos.cleaned", { n: i + 1 })),
        h("button", {
          type: "button", class: "btn btn-link",
          onclick: () => {
            const [gone] = state.draft.photos.splice(i, 1);
            gone.bytes.fill(0);
            URL.revokeObjectURL(gone.url);
            draw();
            live.textContent = t("report.photos.removed_live", { n: i + 1 });
            box.querySelector(".file-input")?.focus();
          },
        }, t("report.photos.remove", { n: i + 1 }))))) : null,
      state.draft.photos.length < MAX_PHOTOS ? [input, h("label", { for: inputId, class: "btn btn-secondary file-label" }, t("report.photos.add"))] : null,
      live,
    ].flat().filter(Boolean));
  }
  draw();
  return box;
}
