// The post-quantum flag day in the reporter's client (protocol §9.2): a new reporter on a hybrid
// bundle pins its hybrid reply recipient and every file is hybrid-only; a returning reporter pinned
// to a classic recipient announces its hybrid one in a signed message, and no file ever mixes the kinds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Decrypter, Encrypter, generateHybridIdentity, generateX25519Identity, identityToRecipient } from "age-encryption";
import { bytesToHex } from "../src/crypto/bytes.js";
import { buildReporterMessage, parseEnvelope, parseReporterMessage, pinAfter, signReporterMessage, verifyReporterMessage } from "../src/crypto/envelope.js";
import { pad, unpad } from "../src/crypto/pad.js";
import { ageHybridRecipient, reporterKeysFromSeed } from "../src/crypto/derive.js";
import { DEPLOYMENT } from "../src/deployment.js";
import { openMailbox, sealMessage, sealReport, sha256hex } from "../src/protocol.js";

async function keysFor(label) {
  const seed = new Uint8Array(32).fill(label);
  const k = reporterKeysFromSeed(seed, DEPLOYMENT.id);
  return { ...k, publicKey: k.signingPublicKey, replyHybridRecipient: await ageHybridRecipient(k.replyHybridIdentity), pinnedReplyRecipient: null };
}

async function team(hybrid) {
  const ids = [];
  for (let i = 0; i < 2; i++) ids.push(hybrid ? await generateHybridIdentity() : await generateX25519Identity());
  const recipients = await Promise.all(ids.map((i) => identityToRecipient(i)));
  return { ids, bundle: { version: hybrid ? 2 : 1, hybrid, recipients, members: [] } };
}

const header = (blob) => {
  const s = new TextDecoder("latin1").decode(blob);
  return s.slice(0, s.indexOf("\n---"));
};
async function decryptWith(blob, identity) {
  const d = new Decrypter();
  d.addIdentity(identity);
  return d.decrypt(blob);
}
const count = (h, type) => h.split("\n-> " + type + " ").length - 1;

async function decrypts(blob, identity) {
  const d = new Decrypter();
  d.addIdentity(identity);
  try {
    await d.decrypt(blob);
    return true;
  } catch {
    return false;
  }
}

test("a new reporter on a hybrid bundle pins its hybrid reply recipient; files are hybrid-only", async () => {
  const keys = await keysFor(1);
  const { ids, bundle } = await team(true);
  const sealed = await sealReport({ keys, bundle, lang: "nl", text: "Mijn verhaal.", form: {}, photos: [{ bytes: new Uint8Array([1, 2, 3]), type: "image/png" }] });
  const h = header(sealed.report);
  assert.equal(count(h, "mlkem768x25519"), 3);
  assert.equal(count(h, "X25519"), 0);
  assert.equal(count(header(sealed.attachments[0]), "mlkem768x25519"), 2);
  assert.equal(count(header(sealed.attachments[0]), "X25519"), 0);
  assert.equal(keys.pinnedReplyRecipient, keys.replyHybridRecipient);
  assert.ok(await decrypts(sealed.report, ids[0]));
  assert.ok(await decrypts(sealed.report, keys.replyHybridIdentity));
  assert.ok(!(await decrypts(sealed.report, keys.replyIdentity)));

  // Returning: fresh keys learn the pin from the report and reread it with the hybrid identity.
  const again = await keysFor(1);
  const opened = await openMailbox({ keys: again, events: [{ seq: 1, kind: "report", day: "2026-03-01", blob: sealed.report }, { seq: 2, kind: "attachment", day: "2026-03-01", blob: null }] });
  assert.equal(opened.mine.length, 1);
  assert.equal(opened.unreadable, 0);
  assert.equal(again.pinnedReplyRecipient, again.replyHybridRecipient);
  const m = await sealMessage({ keys: again, bundle, lang: "nl", text: "Nog iets.", seq: 3, lastSeen: opened.lastSeen });
  assert.equal(count(header(m.message), "X25519"), 0);
  assert.ok(await decrypts(m.message, again.replyHybridIdentity));
});

test("a classic-pinned reporter announces its hybrid recipient once, then writes as a hybrid reporter", async () => {
  const keys = await keysFor(2);
  const classic = await team(false);
  const sealed = await sealReport({ keys, bundle: classic.bundle, lang: "nl", text: "Voor de omschakeling.", form: {}, photos: [] });
  assert.equal(count(header(sealed.report), "X25519"), 3);
  assert.equal(keys.pinnedReplyRecipient, keys.replyRecipient);
  // Before the flag day nothing is announced.
  const early = await sealMessage({ keys, bundle: classic.bundle, lang: "nl", text: "Nog klassiek.", seq: 2, lastSeen: sha256hex(sealed.report) });
  assert.equal(early.announces, false);

  const hybrid = await team(true);
  const back = await keysFor(2);
  const events = [{ seq: 1, kind: "report", day: "2026-03-01", blob: sealed.report }];
  const opened = await openMailbox({ keys: back, events });
  assert.equal(opened.mine.length, 1);
  assert.equal(back.pinnedReplyRecipient, back.replyRecipient);
  const m = await sealMessage({ keys: back, bundle: hybrid.bundle, lang: "nl", text: "Na de omschakeling.", seq: 2, lastSeen: opened.lastSeen });
  assert.equal(m.announces, true);
  const h = header(m.message);
  assert.equal(count(h, "mlkem768x25519"), 3); // the hybrid team and the announced recipient, never mixed
  assert.equal(count(h, "X25519"), 0);
  assert.ok(await decrypts(m.message, hybrid.ids[1]));
  assert.ok(await decrypts(m.message, back.replyHybridIdentity));
  assert.ok(!(await decrypts(m.message, back.replyIdentity)));
  // The signed payload is the one the desk checks: classic pin in replyRecipient, the hybrid one announced.
  const { payload } = parseEnvelope(unpad(await decryptWith(m.message, back.replyHybridIdentity)));
  const pin = { mailbox: back.mailboxIdHex, mailboxKey: bytesToHex(back.publicKey), replyRecipient: back.replyRecipient };
  const env = unpad(await decryptWith(m.message, back.replyHybridIdentity));
  const verified = verifyReporterMessage(env, DEPLOYMENT.id, back.mailboxIdHex, pin);
  assert.equal(verified.newReplyRecipient, back.replyHybridRecipient);
  assert.equal(bytesToHex(buildReporterMessage(parseReporterMessage(payload))), bytesToHex(payload));
  const moved = pinAfter(pin, verified);
  assert.equal(moved.replyRecipient, back.replyHybridRecipient);
  // Replayed under the moved pin: refused.
  assert.throws(() => verifyReporterMessage(env, DEPLOYMENT.id, back.mailboxIdHex, moved), (e) => e.kind === "KEY_MISMATCH");

  // Coming back later: the announcement moves the pin; later messages are ordinary hybrid ones.
  events.push({ seq: 2, kind: "message", day: "2026-06-01", blob: m.message });
  const later = await keysFor(2);
  const reopened = await openMailbox({ keys: later, events });
  assert.equal(reopened.mine.length, 2);
  assert.equal(reopened.unreadable, 0);
  assert.equal(reopened.teamOnly, 0);
  assert.equal(later.pinnedReplyRecipient, later.replyHybridRecipient);
  const next = await sealMessage({ keys: later, bundle: hybrid.bundle, lang: "nl", text: "Nog een vraag.", seq: 3, lastSeen: reopened.lastSeen });
  assert.equal(next.announces, false);
  const nextEnv = unpad(await decryptWith(next.message, later.replyHybridIdentity));
  const nextMsg = verifyReporterMessage(nextEnv, DEPLOYMENT.id, later.mailboxIdHex, moved);
  assert.equal(nextMsg.replyRecipient, later.replyHybridRecipient);
  assert.equal(nextMsg.newReplyRecipient, undefined);
  assert.throws(() => verifyReporterMessage(nextEnv, DEPLOYMENT.id, later.mailboxIdHex, pin), (e) => e.kind === "KEY_MISMATCH");
  events.push({ seq: 3, kind: "message", day: "2026-06-02", blob: next.message });
  const third = await keysFor(2);
  const all = await openMailbox({ keys: third, events });
  assert.equal(all.mine.length, 3);
  assert.equal(all.unreadable, 0);

  // The same announcement replayed by the server as a later event is not shown as the reporter's.
  const replayed = await openMailbox({ keys: await keysFor(2), events: [...events, { seq: 4, kind: "message", day: "2026-06-03", blob: m.message }] });
  assert.equal(replayed.mine.length, 3);
  assert.equal(replayed.unreadable, 1);
});

test("an older team-only message of a classic-pinned reporter is counted, not a warning", async () => {
  const keys = await keysFor(3);
  const classic = await team(false);
  const sealed = await sealReport({ keys, bundle: classic.bundle, lang: "nl", text: "Voor de omschakeling.", form: {}, photos: [] });
  const hybrid = await team(true);
  // What a client before the announcement wrote: the classic pin, encrypted to the hybrid team only.
  const envelope = signReporterMessage(keys.signingSeed, DEPLOYMENT.id, { kind: "message", mailbox: keys.mailboxIdHex,
    mailboxKey: bytesToHex(keys.publicKey), replyRecipient: keys.replyRecipient, seq: 2, lastSeen: sha256hex(sealed.report),
    bundleVersion: 2, lang: "nl", text: "Alleen voor het team." });
  const e = new Encrypter();
  for (const r of hybrid.bundle.recipients) e.addRecipient(r);
  const teamOnly = await e.encrypt(pad(envelope));
  const later = await keysFor(3);
  const reopened = await openMailbox({ keys: later, events: [{ seq: 1, kind: "report", day: "2026-03-01", blob: sealed.report }, { seq: 2, kind: "message", day: "2026-06-01", blob: teamOnly }] });
  assert.equal(reopened.mine.length, 1);
  assert.equal(reopened.teamOnly, 1);
  assert.equal(reopened.unreadable, 0);
  assert.equal(reopened.lastSeen, sha256hex(teamOnly));
  // Its next message announces the hybrid recipient.
  const m = await sealMessage({ keys: later, bundle: hybrid.bundle, lang: "nl", text: "Nu leesbaar.", seq: 3, lastSeen: reopened.lastSeen });
  assert.equal(m.announces, true);
});
