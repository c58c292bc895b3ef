// The post-quantum flag day in the reporter's client (protocol §9.2): a new reporter on a hybrid
// bundle pins its hybrid reply recipient and every file is hybrid-only; a returning reporter pinned
// to a classic recipient keeps it, and no file ever mixes the kinds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Decrypter, generateHybridIdentity, generateX25519Identity, identityToRecipient } from "age-encryption";
import { ageHybridRecipient, reporterKeysFromSeed } from "../src/crypto/derive.js";
import { DEPLOYMENT } from "../src/deployment.js";
import { openMailbox, sealMessage, sealReport } from "../src/protocol.js";

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

test("a classic-pinned reporter keeps its recipient after the flag day and never mixes kinds", async () => {
  const keys = await keysFor(2);
  const classic = await team(false);
  const sealed = await sealReport({ keys, bundle: classic.bundle, lang: "nl", text: "Voor de omschakeling.", form: {}, photos: [] });
  assert.equal(count(header(sealed.report), "X25519"), 3);
  assert.equal(keys.pinnedReplyRecipient, keys.replyRecipient);

  const hybrid = await team(true);
  const back = await keysFor(2);
  const opened = await openMailbox({ keys: back, events: [{ seq: 1, kind: "report", day: "2026-03-01", blob: sealed.report }] });
  assert.equal(opened.mine.length, 1);
  assert.equal(back.pinnedReplyRecipient, back.replyRecipient);
  const m = await sealMessage({ keys: back, bundle: hybrid.bundle, lang: "nl", text: "Na de omschakeling.", seq: 2, lastSeen: opened.lastSeen });
  const h = header(m.message);
  assert.equal(count(h, "mlkem768x25519"), 2); // the team only: the reporter's classic stanza would mix kinds
  assert.equal(count(h, "X25519"), 0);
  assert.ok(await decrypts(m.message, hybrid.ids[1]));
  assert.ok(!(await decrypts(m.message, back.replyIdentity)));
  // Coming back later: that message is the team's alone — counted, not shown as a warning.
  const later = await keysFor(2);
  const reopened = await openMailbox({ keys: later, events: [{ seq: 1, kind: "report", day: "2026-03-01", blob: sealed.report }, { seq: 2, kind: "message", day: "2026-06-01", blob: m.message }] });
  assert.equal(reopened.mine.length, 1);
  assert.equal(reopened.teamOnly, 1);
  assert.equal(reopened.unreadable, 0);
  assert.equal(reopened.lastSeen, (await import("../src/protocol.js")).sha256hex(m.message));
});
