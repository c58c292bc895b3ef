// The puzzle solver's hand-written midstate SHA-256 must agree with @noble/hashes bit for bit, for
// every nonce length (the counter can straddle words and blocks), and its answers must verify.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sha256 } from "@noble/hashes/sha2.js";
import { checkPow, powHasher, solvePow, MAX_DIFFICULTY } from "../src/pow.js";

const PREFIX = new TextEncoder().encode("klachtenbalie/v1/pow");
function reference(nonce, counter) {
  const b = new Uint8Array(PREFIX.length + nonce.length + 8);
  b.set(PREFIX); b.set(nonce, PREFIX.length);
  new DataView(b.buffer).setUint32(b.length - 4, counter);
  return sha256(b);
}
const leadingZeros = (h) => { let n = 0; for (const x of h) { if (x === 0) { n += 8; continue; } return n + Math.clz32(x) - 24; } return n; };

test("midstate hash equals SHA-256 for nonce lengths 0..130 and assorted counters", () => {
  const bad = [];
  for (let n = 0; n <= 130; n++) {
    const nonce = crypto.getRandomValues(new Uint8Array(n));
    const hash = powHasher(nonce);
    for (const c of [0, 1, 255, 256, 65535, 0x01020304, 0x7fffffff, 0x80000000, 0xffffffff]) {
      const want = new DataView(reference(nonce, c).buffer);
      const got = hash(c);
      if ((got[0] >>> 0) !== want.getUint32(0) || (got[1] >>> 0) !== want.getUint32(4) || (got[7] >>> 0) !== want.getUint32(28)) bad.push(`${n}/${c}`);
    }
  }
  assert.deepEqual(bad, []);
});

test("solutions verify with the reference hash, for the server's 40-byte nonce", async () => {
  for (const bits of [0, 4, 8, 12, 16]) {
    const nonce = crypto.getRandomValues(new Uint8Array(40));
    const c = await solvePow(nonce, bits);
    assert.ok(leadingZeros(reference(nonce, c)) >= bits, `difficulty ${bits}`);
    assert.equal(checkPow(nonce, bits, c), true);
    if (bits > 0) assert.equal(checkPow(nonce, 40, c), false);
  }
});

test("a difficulty above the cap or not an integer is refused", async () => {
  for (const d of [MAX_DIFFICULTY + 1, -1, 1.5, "8"]) await assert.rejects(solvePow(new Uint8Array(40), d));
});
