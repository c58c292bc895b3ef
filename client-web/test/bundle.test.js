import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseStrictJson, JsonError, JSON_NULL } from "../src/crypto/json.js";
import { verifyBundle, BundleError, parseDate, isHybridAgeRecipient, MAX_FILE_SIZE } from "../src/crypto/bundle.js";
import { base64Canonical, base64Encode, bytesToHex, hexToBytesStrict } from "../src/crypto/bytes.js";
import { CONTEXTS, signSigned } from "../src/crypto/signed.js";
import { ed25519 } from "@noble/curves/ed25519.js";
import { generateHybridIdentity, generateX25519Identity, identityToRecipient } from "age-encryption";
import { bech32 } from "@scure/base";

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
  const big = new Uint8Array(512 * 1024 + 1).fill(0x20);
  assert.throws(() => verifyBundle(big, pins, { today: "2026-03-11" }), (e) => e.kind === "MALFORMED");
});

test("another pinned root refuses the bundle as SIGNATURE", () => {
  const other = { ...pins, rootKey: hexToBytesStrict(V.fingerprints[1].rootKey) };
  assert.throws(() => verifyBundle(validFile, other, { today: "2026-03-11" }), (e) => e.kind === "SIGNATURE");
  const weaker = { ...pins, argon2: { ...pins.argon2, m: 4096 } };
  assert.throws(() => verifyBundle(validFile, weaker, { today: "2026-03-11" }), (e) => e.kind === "WRONG_DEPLOYMENT");
});

// --- the post-quantum flag day (§6, §9.2): a bundle is all-hybrid or all-classic ---

async function resigned(mutate) {
  const file = parseStrictJson(validFile);
  const payload = JSON.parse(new TextDecoder().decode(base64Canonical(file.get("payload"))));
  await mutate(payload);
  const seed = new Uint8Array(32).fill(7);
  const rootKey = ed25519.getPublicKey(seed);
  payload.rootKey = bytesToHex(rootKey);
  const bytes = enc(JSON.stringify(payload));
  const signature = signSigned(seed, CONTEXTS.BUNDLE, pins.deploymentId, bytes);
  const out = enc(JSON.stringify({ payload: base64Encode(bytes), signature: base64Encode(signature) }));
  return { file: out, pins: { ...pins, rootKey } };
}

const hybrid = async () => identityToRecipient(await generateHybridIdentity());
const classic = async () => identityToRecipient(await generateX25519Identity());

async function setRecipients(payload, kinds) {
  const active = payload.members.filter((m) => m.status === "active");
  assert.equal(active.length, kinds.length);
  for (let i = 0; i < active.length; i++) active[i].recipient = await kinds[i]();
  payload.recipients = active.map((m) => m.recipient);
}

test("an all-hybrid bundle verifies and says so; retired members may keep classic recipients", async () => {
  const b = await resigned((p) => setRecipients(p, [hybrid, hybrid]));
  const p = verifyBundle(b.file, b.pins, { today: "2026-03-11" });
  assert.equal(p.hybrid, true);
  assert.ok(p.recipients.every((r) => r.startsWith("age1pq1")));
  assert.ok(p.members.some((m) => m.status !== "active" && m.recipient.startsWith("age1") && !m.recipient.startsWith("age1pq1")));
  assert.equal(verifyBundle(validFile, pins, { today: "2026-03-11" }).hybrid, false);
});

test("a bundle mixing hybrid and classic recipients is MALFORMED", async () => {
  for (const kinds of [[hybrid, classic], [classic, hybrid]]) {
    const b = await resigned((p) => setRecipients(p, kinds));
    assert.throws(() => verifyBundle(b.file, b.pins, { today: "2026-03-11" }), (e) => e.kind === "MALFORMED");
  }
});

test("hybrid recipients must be canonical and pass the ML-KEM and X25519 key checks", async () => {
  const r = await hybrid();
  assert.ok(isHybridAgeRecipient(r));
  assert.ok(!isHybridAgeRecipient(r.toUpperCase()));
  const bytes = bech32.fromWords(bech32.decode(r, false).words);
  const bad = Uint8Array.from(bytes);
  bad[0] = 0xff; bad[1] |= 0x0f; // first coefficient 4095 >= q
  assert.ok(!isHybridAgeRecipient(bech32.encode("age1pq", bech32.toWords(bad), false)));
  const low = Uint8Array.from(bytes);
  low.fill(0, 1184); // X25519 part: the zero point has low order
  assert.ok(!isHybridAgeRecipient(bech32.encode("age1pq", bech32.toWords(low), false)));
  assert.ok(!isHybridAgeRecipient(bech32.encode("age1pq", bech32.toWords(bytes.subarray(1)), false)));
});

test("a hybrid bundle for 64 members fits the file limit", async () => {
  const b = await resigned(async (p) => {
    const one = p.members.find((m) => m.status === "active");
    const members = [];
    for (let i = 0; i < 64; i++) {
      members.push({ ...one, id: "m" + i, recipient: await hybrid(),
        signingKey: bytesToHex(ed25519.getPublicKey(new Uint8Array(32).fill(i + 1))) });
    }
    p.members = members;
    p.recipients = members.map((m) => m.recipient);
  });
  assert.ok(b.file.length > 256 * 1024 && b.file.length <= MAX_FILE_SIZE, String(b.file.length));
  assert.equal(verifyBundle(b.file, b.pins, { today: "2026-03-11" }).recipients.length, 64);
});
