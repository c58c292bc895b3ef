// Proof of work for the server's puzzle: find a counter such that
//   SHA-256(ascii("klachtenbalie/v1/pow") ‖ nonce ‖ u64(counter))
// starts with `difficulty` zero bits. Runs in slices so the page stays responsive and progress can be
// shown. The difficulty is capped: a hostile or broken server must not be able to make a phone spin.
// (Align with docs/api.md on branch `server` once it exists.)
import { sha256 } from "@noble/hashes/sha2.js";

export const MAX_DIFFICULTY = 24;
const PREFIX = new TextEncoder().encode("klachtenbalie/v1/pow");

function leadingZeroBits(h) {
  let n = 0;
  for (const x of h) {
    if (x === 0) { n += 8; continue; }
    return n + Math.clz32(x) - 24;
  }
  return n;
}

/** @returns {Promise<number>} the counter */
export async function solvePow(nonce, difficulty, { onProgress, signal } = {}) {
  if (!Number.isInteger(difficulty) || difficulty < 0 || difficulty > MAX_DIFFICULTY) throw new Error(`pow: difficulty ${difficulty} refused`);
  const buf = new Uint8Array(PREFIX.length + nonce.length + 8);
  buf.set(PREFIX);
  buf.set(nonce, PREFIX.length);
  const view = new DataView(buf.buffer);
  const at = PREFIX.length + nonce.length;
  const expected = 2 ** difficulty;
  for (let counter = 0; counter < 2 ** 40; ) {
    const stop = counter + 4096;
    for (; counter < stop; counter++) {
      view.setUint32(at, Math.floor(counter / 2 ** 32));
      view.setUint32(at + 4, counter >>> 0);
      if (leadingZeroBits(sha256(buf)) >= difficulty) return counter;
    }
    if (signal?.aborted) throw new Error("pow: aborted");
    onProgress?.(Math.min(0.95, counter / (2 * expected)));
    await new Promise((r) => setTimeout(r, 0));
  }
  throw new Error("pow: exhausted");
}

export function checkPow(nonce, difficulty, counter) {
  const buf = new Uint8Array(PREFIX.length + nonce.length + 8);
  buf.set(PREFIX);
  buf.set(nonce, PREFIX.length);
  const view = new DataView(buf.buffer);
  view.setUint32(PREFIX.length + nonce.length, Math.floor(counter / 2 ** 32));
  view.setUint32(PREFIX.length + nonce.length + 4, counter >>> 0);
  return leadingZeroBits(sha256(buf)) >= difficulty;
}
