import { test } from "node:test";
import assert from "node:assert/strict";
import { generateX25519Identity, identityToRecipient } from "age-encryption";
import { bytesToHex } from "../src/crypto/bytes.js";
import { JSON_NULL, writeJson } from "../src/crypto/json.js";
import { publicKeyFromSeed, signSigned, CONTEXTS } from "../src/crypto/signed.js";
import {
  EventError, encodeEnvelope, parseEnvelope, buildReporterMessage, parseReporterMessage,
  signReporterMessage, verifyReporterMessage, MAX_PAYLOAD_SIZE,
} from "../src/crypto/envelope.js";
import { checkText } from "../src/crypto/fields.js";
import { eventHash, openEvent, sealEnvelope } from "../src/crypto/seal.js";

const DEPLOYMENT = "klachtenbalie-test";
const seed = new Uint8Array(32).fill(7);
const MAILBOX = "00112233445566778899aabbccddeeff";
const kindOf = (f) => {
  try {
    f();
    return "VALID";
  } catch (e) {
    if (!(e instanceof EventError)) throw e;
    return e.kind;
  }
};

async function fields() {
  const identity = await generateX25519Identity();
  return {
    identity,
    report: {
      kind: "report", mailbox: MAILBOX, mailboxKey: bytesToHex(publicKeyFromSeed(seed)),
      replyRecipient: await identityToRecipient(identity), seq: 1, lastSeen: "", bundleVersion: 3, lang: "pl",
      text: "Szef zabiera napiwki.\nNie dostaję pasków wypłaty.", form: { topic: "money", kind: "complaint" },
      attachments: [],
    },
  };
}

test("the writer writes what Java's JsonWriter writes", () => {
  const m = new Map([["z", "control \u0001 quote \" backslash \\ é 😀 \n"], ["a", [1, -5, true, JSON_NULL]]]);
  assert.equal(new TextDecoder().decode(writeJson(m)),
    '{"z":"control \\u0001 quote \\" backslash \\\\ é 😀 \\u000a","a":[1,-5,true,null]}');
  assert.throws(() => writeJson("\ud800"), RangeError);
  assert.throws(() => writeJson(1.5), RangeError);
});

test("build → sign → verify, fields in protocol order, form in table order", async () => {
  const { report } = await fields();
  const payload = buildReporterMessage(report);
  const json = new TextDecoder().decode(payload);
  assert.ok(json.startsWith('{"format":"klachtenbalie-reporter-msg/v1","kind":"report","mailbox":'), json);
  assert.ok(json.includes('"form":{"kind":"complaint","topic":"money"},"attachments":[]}'), json);
  const envelope = signReporterMessage(seed, DEPLOYMENT, report);
  const m = verifyReporterMessage(envelope, DEPLOYMENT, MAILBOX);
  assert.equal(m.text, report.text);
  assert.deepEqual(buildReporterMessage(parseReporterMessage(payload)), payload);
  assert.equal(kindOf(() => verifyReporterMessage(envelope, DEPLOYMENT, "ff".repeat(16))), "WRONG_MAILBOX");
  assert.equal(kindOf(() => verifyReporterMessage(envelope, DEPLOYMENT + "x", MAILBOX)), "SIGNATURE");
  const pin = { mailbox: MAILBOX, mailboxKey: m.mailboxKey, replyRecipient: "age1" + "q".repeat(58) };
  assert.equal(kindOf(() => verifyReporterMessage(envelope, DEPLOYMENT, MAILBOX, pin)), "KEY_MISMATCH");
});

test("domain separation: the same payload signed as a reply is no reporter message", async () => {
  const { report } = await fields();
  const payload = buildReporterMessage(report);
  const asReply = encodeEnvelope(payload, signSigned(seed, CONTEXTS.REPLY, DEPLOYMENT, payload));
  assert.equal(kindOf(() => verifyReporterMessage(asReply, DEPLOYMENT, MAILBOX)), "SIGNATURE");
});

test("reporter-message rules", async () => {
  const { report } = await fields();
  const bad = [
    { ...report, seq: 2 }, { ...report, lastSeen: "ab".repeat(32) }, { ...report, text: "" },
    { ...report, text: "a\rb" }, { ...report, text: "e\u0301" }, { ...report, text: "x".repeat(20001) },
    { ...report, lang: "Polish" }, { ...report, form: { topic: "cash" } }, { ...report, form: { colour: "red" } },
    { ...report, form: { place: "x".repeat(81) } }, { ...report, form: { month: "2026-13" } },
    { ...report, mailbox: MAILBOX.toUpperCase() }, { ...report, kind: "note" }, { ...report, form: undefined },
    { ...report, attachments: [{ seq: 3, sha256: "ab".repeat(32), type: "image/png", bytes: 10 }] },
    { ...report, attachments: [{ seq: 2, sha256: "ab".repeat(32), type: "image/gif", bytes: 10 }] },
    { ...report, kind: "message", seq: 2, lastSeen: "ab".repeat(32) }, // a message carries no form
  ];
  for (const m of bad) assert.equal(kindOf(() => buildReporterMessage(m)), "MALFORMED", JSON.stringify(m).slice(0, 80));
  assert.equal(kindOf(() => buildReporterMessage({ ...report, text: "😀".repeat(20000) })), "VALID");
  assert.equal(kindOf(() => checkText("a\tb\nc", "t", 10, true, false)), "VALID");
  assert.equal(kindOf(() => checkText("a\u0085b", "t", 10, true, false)), "MALFORMED");
});

test("envelope limits", () => {
  const sig = new Uint8Array(64);
  assert.equal(kindOf(() => parseEnvelope(encodeEnvelope(new Uint8Array(MAX_PAYLOAD_SIZE), sig))), "VALID");
  assert.equal(kindOf(() => parseEnvelope(encodeEnvelope(new Uint8Array(MAX_PAYLOAD_SIZE + 1), sig))), "MALFORMED");
  assert.equal(kindOf(() => parseEnvelope(encodeEnvelope(new Uint8Array(1), new Uint8Array(63)))), "MALFORMED");
  const enc = (s) => new TextEncoder().encode(s);
  assert.equal(kindOf(() => parseEnvelope(enc('{"payload":"QR==","signature":""}'))), "MALFORMED");
  assert.equal(kindOf(() => parseEnvelope(enc('{"payload":"","signature":"","x":1}'))), "MALFORMED");
  assert.equal(kindOf(() => parseEnvelope(enc("[]"))), "MALFORMED");
});

test("seal → open with age-encryption; other identities cannot open", async () => {
  const { identity, report } = await fields();
  const envelope = signReporterMessage(seed, DEPLOYMENT, report);
  const file = await sealEnvelope(envelope, [report.replyRecipient]);
  const opened = await openEvent(file, identity);
  assert.equal(opened.hash, eventHash(file));
  assert.deepEqual(opened.envelope, envelope);
  await assert.rejects(openEvent(file, await generateX25519Identity()), (e) => e.kind === "DECRYPT");
});
