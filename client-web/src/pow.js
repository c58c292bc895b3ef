// Proof of work for the server's puzzle (docs/api.md, create only): find 8 bytes `pow` such that
//   SHA-256(ascii("klachtenbalie/v1/pow") ‖ nonce ‖ pow)
// has at least `difficulty` leading zero bits. The 8 bytes are a big-endian counter.
//
// Speed matters: a cheap phone must finish within the send budget. Everything before the counter's
// low 32 bits is constant, so the SHA-256 state after the constant blocks (the "midstate") is
// computed once and each attempt compresses only the final block(s) — with a plain Int32 SHA-256
// below instead of a general-purpose hash call (about 10× faster than @noble/hashes here). It is
// checked against @noble/hashes in test/ui-pow.test.js. The difficulty is capped: a hostile or
// broken server must not be able to make a phone spin for ever.
import { sha256 } from "@noble/hashes/sha2.js";

export const MAX_DIFFICULTY = 24;
const PREFIX = new TextEncoder().encode("klachtenbalie/v1/pow");
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

/** SHA-256 compression of 16 big-endian words at `words[off..off+16)` into `state` (in place). */
function compress(state, words, off, w) {
  for (let i = 0; i < 16; i++) w[i] = words[off + i];
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15], b = w[i - 2];
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  state[0] = (state[0] + a) | 0; state[1] = (state[1] + b) | 0; state[2] = (state[2] + c) | 0; state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0; state[5] = (state[5] + f) | 0; state[6] = (state[6] + g) | 0; state[7] = (state[7] + h) | 0;
}

/**
 * A hasher for SHA-256(PREFIX ‖ nonce ‖ u32(0) ‖ u32(counter)): returns the first two digest words
 * (enough to count up to 64 leading zero bits) for any 32-bit counter, reusing the midstate.
 */
export function powHasher(nonce) {
  const len = PREFIX.length + nonce.length + 8;
  const total = Math.ceil((len + 9) / 64) * 64;
  const msg = new Uint8Array(total);
  msg.set(PREFIX);
  msg.set(nonce, PREFIX.length);
  msg[len] = 0x80;
  new DataView(msg.buffer).setUint32(total - 4, len * 8);
  const words = new Int32Array(total / 4);
  const view = new DataView(msg.buffer);
  const counterAt = len - 4; // byte offset of the counter's low 32 bits
  const firstVariableBlock = Math.floor(counterAt / 64);
  const mid = IV.slice();
  const w = new Int32Array(64);
  for (let i = 0; i < words.length; i++) words[i] = view.getInt32(i * 4);
  for (let blk = 0; blk < firstVariableBlock; blk++) compress(mid, words, blk * 16, w);
  const state = new Int32Array(8);
  const blocks = total / 64;
  // The counter may straddle a word boundary when the nonce length is not a multiple of 4.
  return (counter) => {
    view.setUint32(counterAt, counter >>> 0);
    const first = Math.floor(counterAt / 4), last = Math.floor((counterAt + 3) / 4);
    for (let i = first; i <= last; i++) words[i] = view.getInt32(i * 4);
    state.set(mid);
    for (let blk = firstVariableBlock; blk < blocks; blk++) compress(state, words, blk * 16, w);
    return state;
  };
}

function zeroBits(state) {
  const a = state[0] >>> 0;
  return a !== 0 ? Math.clz32(a) : 32 + Math.clz32(state[1] >>> 0);
}

/** @returns {Promise<number>} the counter (below 2^32; the high 4 bytes are zero) */
export async function solvePow(nonce, difficulty, { onProgress, signal } = {}) {
  if (!Number.isInteger(difficulty) || difficulty < 0 || difficulty > MAX_DIFFICULTY) throw new Error(`pow: difficulty ${difficulty} refused`);
  const hash = powHasher(nonce);
  const expected = 2 ** difficulty;
  for (let counter = 0; counter < 2 ** 32; ) {
    const stop = Math.min(counter + 16384, 2 ** 32);
    for (; counter < stop; counter++) if (zeroBits(hash(counter)) >= difficulty) return counter;
    if (signal?.aborted) throw new Error("pow: aborted");
    onProgress?.(Math.min(0.95, counter / (2 * expected)));
    await new Promise((r) => setTimeout(r, 0));
  }
  throw new Error("pow: exhausted");
}

/** The reference check with a general-purpose SHA-256 (used by tests and the test server). */
export function checkPow(nonce, difficulty, counter) {
  const buf = new Uint8Array(PREFIX.length + nonce.length + 8);
  buf.set(PREFIX);
  buf.set(nonce, PREFIX.length);
  const view = new DataView(buf.buffer);
  view.setUint32(PREFIX.length + nonce.length, Math.floor(counter / 2 ** 32));
  view.setUint32(PREFIX.length + nonce.length + 4, counter >>> 0);
  let bits = 0;
  for (const x of sha256(buf)) {
    if (x === 0) { bits += 8; continue; }
    bits += Math.clz32(x) - 24;
    break;
  }
  return bits >= difficulty;
}
