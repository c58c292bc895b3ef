import { forgetKeys } from "./protocol.js";

// All state lives in this module's memory: no cookies, no Web Storage, no IndexedDB, no URL. A
// reload, a closed tab or quick exit loses everything — on purpose.
export function newDraft() {
  return {
    kind: "", story: "", about: "", topic: "", place: "", month: "", wants: "", consent: "",
    reporter: "", replyLang: "", caseworkerGender: "",
    photos: [], // { bytes, type, orientation, url }
  };
}

export const state = {
  step: "start",
  draft: newDraft(),
  sending: null, // { stage, error }
  receipt: null, // { code, sentAt, confirmed }
  session: null, // { keys, bundle, conversation }
};

export function draftHasContent(d = state.draft) {
  return d.story.trim() !== "" || d.photos.length > 0;
}

export function clearPhotos(d = state.draft) {
  for (const p of d.photos) {
    p.bytes?.fill?.(0);
    if (p.url) URL.revokeObjectURL(p.url);
  }
  d.photos = [];
}

/** Forgets everything (best effort for strings; typed arrays are zeroed). */
export function wipe() {
  clearPhotos();
  state.draft = newDraft();
  state.sending = null;
  state.receipt = null;
  forgetKeys(state.session?.keys);
  state.session = null;
}
