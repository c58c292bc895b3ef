// The reporter's client builds and reads §7 events with envelope.js, the code checked against Java's
// vectors: what it sends passes the desk's rules even when the text was pasted with control
// characters, and a reply counts only if it passes every §7.3 rule, parsed strictly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from "age-encryption";
import { bytesToHex, utf8ToBytes } from "../src/crypto/bytes.js";
import { encodeEnvelope, verifyReporterMessage } from "../src/crypto/envelope.js";
import { writeJson } from "../src/crypto/json.js";
import { pad, unpad } from "../src/crypto/pad.js";
import { reporterKeysFromSeed } from "../src/crypto/derive.js";
import { CONTEXTS, publicKeyFromSeed, signSigned } from "../src/crypto/signed.js";
import { DEPLOYMENT } from "../src/deployment.js";
import { cleanText, openMailbox, sealMessage, sealReport, sha256hex, verifyConversation } from "../src/protocol.js";

const MEMBER_SEED = new Uint8Array(32).fill(42);

function keysFor(label) {
  const k = reporterKeysFromSeed(new Uint8Array(32).fill(label), DEPLOYMENT.id);
  return { ...k, publicKey: k.signingPublicKey, pinnedReplyRecipient: null };
}

async function classicTeam() {
  const identity = await generateX25519Identity();
  const member = { id: "anna", recipient: await identityToRecipient(identity), signingKey: bytesToHex(publicKeyFromSeed(MEMBER_SEED)),
    status: "active", since: "2026-01-01" };
  return { identity, bundle: { version: 3, hybrid: false, recipients: [member.recipient], members: [member] } };
}

async function openAs(blob, identity) {
  const d = new Decrypter();
  d.addIdentity(identity);
  return unpad(await d.decrypt(blob));
}

/** A reply file as the desk writes one; `payloadBytes` lets a test sign bytes no desk would write. */
async function replyFile(keys, payloadBytes) {
  const envelope = encodeEnvelope(payloadBytes, signSigned(MEMBER_SEED, CONTEXTS.REPLY, DEPLOYMENT.id, payloadBytes));
  const e = new Encrypter();
  e.addRecipient(keys.replyRecipient);
  return e.encrypt(pad(envelope));
}

const replyPayload = (keys, lastReporterEvent, over = {}) => writeJson(new Map(Object.entries({
  format: "klachtenbalie-reply/v1", mailbox: keys.mailboxIdHex, replySeq: 1, lastReporterEvent, bundleVersion: 3,
  signer: "anna", day: "2026-03-02", lang: "nl", text: "We hebben je melding gelezen.", ...over,
})));

test("cleanText: line breaks as LF, control characters as spaces, no unpaired surrogate, NFC", () => {
  assert.equal(cleanText("a\r\nb\rc\n\td"), "a\nb\nc\n\td");
  assert.equal(cleanText("bel\u0007 nel\u0085 del\u007f"), "bel  nel  del ");
  assert.equal(cleanText("x\ud800y\udc00z"), "x\ufffdy\ufffdz");
  assert.equal(cleanText("emoji \ud83d\ude00"), "emoji \ud83d\ude00");
  assert.equal(cleanText("Sekswe\u0301rk"), "Sekswérk");
  assert.equal(cleanText("one\nline\there", false), "one line here");
});

test("a report and a message with pasted control characters pass the desk's rules", async () => {
  const keys = keysFor(7);
  const { identity, bundle } = await classicTeam();
  const messy = "Hij zei:\r\n\u000bbetaal\u0085 of\u0007 ga weg \ud800";
  const sealed = await sealReport({ keys, bundle, lang: "nl", text: messy, form: { kind: "complaint", place: "  A\u0000dam\n" + "x".repeat(100) }, photos: [] });
  const report = verifyReporterMessage(await openAs(sealed.report, identity), DEPLOYMENT.id, keys.mailboxIdHex);
  assert.equal(report.text, "Hij zei:\n betaal  of  ga weg \ufffd");
  assert.equal(report.form.place, "A dam " + "x".repeat(74));

  const m = await sealMessage({ keys, bundle, lang: "nl", text: "nog\u001b iets", seq: 2, lastSeen: sha256hex(sealed.report) });
  const pin = { mailbox: report.mailbox, mailboxKey: report.mailboxKey, replyRecipient: report.replyRecipient };
  const message = verifyReporterMessage(await openAs(m.message, identity), DEPLOYMENT.id, keys.mailboxIdHex, pin);
  assert.equal(message.text, "nog  iets");
});

test("a reply counts only if it passes every §7.3 rule, parsed strictly", async () => {
  const keys = keysFor(8);
  const { bundle } = await classicTeam();
  const sealed = await sealReport({ keys, bundle, lang: "nl", text: "Mijn verhaal.", form: {}, photos: [] });
  const h1 = sha256hex(sealed.report);
  const events = [{ seq: 1, kind: "report", day: "2026-03-01", blob: sealed.report }];
  const read = async (payloadBytes) => {
    const blob = await replyFile(keys, payloadBytes);
    const opened = await openMailbox({ keys: keysFor(8), events: [...events, { seq: 2, kind: "reply", day: "2026-03-02", blob }] });
    return verifyConversation({ keys, bundle, opened });
  };

  const good = await read(replyPayload(keys, h1));
  assert.equal(good.unverified, 0);
  assert.deepEqual(good.items.map((i) => i.from), ["me", "team"]);
  assert.equal(good.items[1].payload.text, "We hebben je melding gelezen.");

  // Signed correctly, but naming a bundle newer than the one the client trusts.
  const newer = await read(replyPayload(keys, h1, { bundleVersion: 4 }));
  assert.equal(newer.unverified, 1);
  assert.deepEqual(newer.items.map((i) => i.from), ["me"]);

  // Signed correctly, but with the text twice: JSON.parse would show the second, the desk refuses both.
  const good1 = new TextDecoder().decode(replyPayload(keys, h1));
  const twice = utf8ToBytes(good1.replace('"text":', '"text":"Betaal eerst.","text":'));
  const doubled = await read(twice);
  assert.equal(doubled.unverified, 1);
  assert.deepEqual(doubled.items.map((i) => i.from), ["me"]);

  // Signed correctly, but carrying a control character the desk never writes.
  const control = await read(replyPayload(keys, h1, { text: "kijk\u0007 hier" }));
  assert.equal(control.unverified, 1);
});
