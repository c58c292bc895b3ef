import { test } from "node:test";
import assert from "node:assert/strict";
import { BUCKETS, bucketFor, pad, unpad, PaddingError } from "../src/crypto/pad.js";
import { encodeSigned, signSigned, verifySigned, publicKeyFromSeed, CONTEXTS } from "../src/crypto/signed.js";

test("bucket boundaries", () => {
  let prev = 0;
  for (const b of BUCKETS) {
    assert.equal(bucketFor(b - 4), b);
    assert.equal(bucketFor(prev === 0 ? 0 : prev - 3), b);
    prev = b;
  }
  assert.throws(() => bucketFor(8388605), (e) => e instanceof PaddingError && e.kind === "TOO_LARGE");
  assert.throws(() => bucketFor(-1), RangeError);
});

test("pad/unpad round trip on a subarray view", () => {
  const buf = new Uint8Array(3000);
  const content = new TextEncoder().encode("een klacht");
  const view = buf.subarray(100, 100 + 2048);
  view.set(pad(content));
  assert.deepEqual(unpad(view), content);
});

test("a signature for one context or deployment verifies in no other", () => {
  const seed = new Uint8Array(32).fill(9);
  const pk = publicKeyFromSeed(seed);
  const part = new TextEncoder().encode("hallo");
  const sig = signSigned(seed, CONTEXTS.REPORTER_MSG, "amsterdam", part);
  assert.ok(verifySigned(pk, CONTEXTS.REPORTER_MSG, "amsterdam", sig, part));
  for (const ctx of Object.values(CONTEXTS)) {
    if (ctx !== CONTEXTS.REPORTER_MSG) assert.ok(!verifySigned(pk, ctx, "amsterdam", sig, part), ctx);
  }
  assert.ok(!verifySigned(pk, CONTEXTS.REPORTER_MSG, "rotterdam", sig, part));
  assert.ok(!verifySigned(pk, "nonsense", "amsterdam", sig, part));
  assert.ok(!verifySigned(pk, CONTEXTS.REPORTER_MSG, "", sig, part));
  assert.ok(!verifySigned(pk, CONTEXTS.REPORTER_MSG, "amsterdam", sig.subarray(0, 63), part));
  assert.ok(!verifySigned(pk, CONTEXTS.REPORTER_MSG, "amsterdam", sig, "not bytes"));
  assert.throws(() => encodeSigned("bundle", "x".repeat(65536)));
});
