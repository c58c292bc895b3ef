import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseStrictJson, JsonError, JSON_NULL } from "../src/crypto/json.js";
import { verifyBundle, BundleError, parseDate } from "../src/crypto/bundle.js";
import { base64Canonical, hexToBytesStrict } from "../src/crypto/bytes.js";

const V = JSON.parse(readFileSync(new URL("./vectors/klachtenbalie-vectors.json", import.meta.url), "utf8"));
const enc = (s) => new TextEncoder().encode(s);
const pins = {
  deploymentId: V.bundlePins.deploymentId, rootKey: hexToBytesStrict(V.bundlePins.rootKey),
  argon2: { salt: hexToBytesStrict(V.bundlePins.argon2.saltHex), m: 19456, t: 2, p: 1 },
};
const validFile = base64Canonical(V.bundles.find((c) => c.name === "valid").fileB64);

test("strict JSON accepts what Java accepts", () => {
  const v = parseStrictJson(enc(' {"a":[1,-2,0,9007199254740991],"b":"\\u00E9\\ud83d\\ude00\\/","c":true,"d":null,"e":{}}\n'));
  assert.ok(v instanceof Map);
  assert.deepEqual(v.get("a"), [1, -2, 0, 9007199254740991]);
  assert.equal(v.get("b"), "é😀/");
  assert.equal(v.get("d"), JSON_NULL);
  assert.ok(parseStrictJson(enc("[[[[[[[[]]]]]]]]")));
});

test("strict JSON refuses what Java refuses", () => {
  const bad = ["", "{", "[1,]", '{"a":1,}', "{a:1}", '{"a":1,"a":2}', "1.0", "1e3", "01", "-", "+1",
    "9007199254740992", "12345678901234567890", "NaN", "tru", '"\\x"', '"\\u12"', '"\\ud800"', '"\\udc00"',
    '"\\ud800\\u0041"', '"a\tb"', '"abc', "\ufeff{}", "[[[[[[[[[]]]]]]]]]", "\u00a0{}", '"\\u\u0661\u0661\u0661\u0661"',
    '{"__proto__":1,"__proto__":2}'];
  for (const s of bad) assert.throws(() => parseStrictJson(enc(s)), JsonError, JSON.stringify(s));
  assert.throws(() => parseStrictJson(Uint8Array.of(0x22, 0xc3, 0x22)), JsonError);
  assert.throws(() => parseStrictJson(Uint8Array.of(0x22, 0xed, 0xa0, 0x80, 0x22)), JsonError);
});

test("dates are strict calendar dates", () => {
  assert.equal(parseDate("1970-01-01"), 0);
  assert.equal(parseDate("2024-02-29") + 1, parseDate("2024-03-01"));
  for (const d of ["2025-02-29", "2026-13-01", "2026-00-10", "0000-01-01", "2026-1-01", "２０２６-01-01"]) {
    assert.throws(() => parseDate(d), BundleError, d);
  }
});

test("today may be a Date (the phone's calendar day)", () => {
  const p = verifyBundle(validFile, pins, { today: new Date(2026, 2, 11), highestSeenVersion: 0 });
  assert.equal(p.version, 4);
  assert.equal(p.recipients.length, 2);
  assert.equal(p.members.length, 4);
  assert.throws(() => verifyBundle(validFile, pins, { today: new Date(2027, 0, 1) }), (e) => e.kind === "EXPIRED");
});

test("an oversized file is malformed before any parsing", () => {
  const big = new Uint8Array(256 * 1024 + 1).fill(0x20);
  assert.throws(() => verifyBundle(big, pins, { today: "2026-03-11" }), (e) => e.kind === "MALFORMED");
});

test("another pinned root refuses the bundle as SIGNATURE", () => {
  const other = { ...pins, rootKey: hexToBytesStrict(V.fingerprints[1].rootKey) };
  assert.throws(() => verifyBundle(validFile, other, { today: "2026-03-11" }), (e) => e.kind === "SIGNATURE");
  const weaker = { ...pins, argon2: { ...pins.argon2, m: 4096 } };
  assert.throws(() => verifyBundle(validFile, weaker, { today: "2026-03-11" }), (e) => e.kind === "WRONG_DEPLOYMENT");
});
