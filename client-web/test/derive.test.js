import { test } from "node:test";
import assert from "node:assert/strict";
import { argon2id } from "@noble/hashes/argon2.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { argon2id32, ageIdentity, ageRecipient, reporterKeysFromSeed } from "../src/crypto/derive.js";
import { bytesToHex, hexToBytesStrict } from "../src/crypto/bytes.js";
import { bech32 } from "@scure/base";

test("pure-JS Argon2id matches RFC 9106 5.3", () => {
  const tag = argon2id(new Uint8Array(32).fill(1), new Uint8Array(16).fill(2), {
    t: 3, m: 32, p: 4, dkLen: 32, key: new Uint8Array(8).fill(3), personalization: new Uint8Array(12).fill(4),
  });
  assert.equal(bytesToHex(tag), "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
});

test("WASM and pure-JS Argon2id agree", async () => {
  const pw = new TextEncoder().encode("123456789012345678901234");
  const salt = new Uint8Array(16).fill(7);
  for (const params of [{ m: 64, t: 1, p: 1 }, { m: 256, t: 3, p: 2 }]) {
    const a = await argon2id32(pw, salt, params, { mode: "wasm" });
    const b = await argon2id32(pw, salt, params, { mode: "js" });
    assert.equal(bytesToHex(a), bytesToHex(b));
  }
});

test("HKDF-SHA256 matches RFC 5869 test case 1", () => {
  const okm = hkdf(sha256, new Uint8Array(22).fill(0x0b), hexToBytesStrict("000102030405060708090a0b0c"),
    hexToBytesStrict("f0f1f2f3f4f5f6f7f8f9"), 42);
  assert.equal(bytesToHex(okm), "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
});

test("age strings encode the raw scalar", () => {
  const scalar = new Uint8Array(32).fill(0xff); // clamping would change this; age must not
  const id = ageIdentity(scalar);
  assert.match(id, /^AGE-SECRET-KEY-1[0-9A-Z]+$/);
  assert.equal(bytesToHex(bech32.fromWords(bech32.decode(id.toLowerCase(), false).words)), "ff".repeat(32));
  assert.match(ageRecipient(scalar), /^age1[0-9a-z]{58}$/);
});

test("deployment ids must be printable ASCII", () => {
  assert.throws(() => reporterKeysFromSeed(new Uint8Array(32), "ams terdam"));
  assert.throws(() => reporterKeysFromSeed(new Uint8Array(32), ""));
  assert.throws(() => reporterKeysFromSeed(new Uint8Array(32), "z\u00fcrich"));
});
