// Quick exit: on every screen a button, and the Esc key. It wipes the in-memory state, blanks the
// page at once (so nothing lingers on screen while the next site loads) and replaces the current
// history entry, so the Back button does not return here. It cannot remove the visit from the
// browser's history list — the start page says so and recommends a private window.
import { EXIT_URL } from "./deployment.js";
import { wipe } from "./state.js";

let guard = null;

/** Asks before an accidental reload or back-navigation while something would be lost. */
export function armUnloadGuard(needed) {
  if (guard) return;
  guard = (e) => {
    if (!needed()) return;
    e.preventDefault();
    e.returnValue = "";
  };
  addEventListener("beforeunload", guard);
}

export function quickExit() {
  if (guard) removeEventListener("beforeunload", guard);
  guard = null;
  try { wipe(); } finally {
    document.body.replaceChildren();
    location.replace(EXIT_URL);
  }
}

export function installEscape() {
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !e.isComposing) {
      e.preventDefault();
      quickExit();
    }
  });
}
