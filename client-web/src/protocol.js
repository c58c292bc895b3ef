// The thin adapter between the interface and the protocol code (src/crypto/, docs/protocol.md).
// The views never touch keys, bytes or formats; they call these functions.
//
// Events follow protocol §7: a signed envelope { payload, signature } (the signature covers the
// exact payload bytes), padded (§5), age-encrypted. Reports and messages go to every team recipient
// and to the reporter's own reply recipient; photos (§7.2) go to the team only, unsigned, bound to
// the report by the SHA-256 of their ciphertext listed in the signed report.
import { Decrypter, Encrypter } from "age-encryption";
import { sha256 } from "@noble/hashes/sha2.js";
import { BundleError, teamFingerprint as fingerprint, verifyBundle } from "./crypto/bundle.js";
import { base64Canonical, base64Encode, bytesToHex, hexToBytesStrict, utf8ToBytes } from "./crypto/bytes.js";
import { ageHybridRecipient, deriveReporterKeys, hasWebAssembly as wasmAvailable } from "./crypto/derive.js";
import { bucketFor, pad, unpad } from "./crypto/pad.js";
import { generateReceiptCode, grouped, parseReceiptCode, ReceiptCodeError } from "./crypto/receipt.js";
import { CONTEXTS, signSigned, verifySigned } from "./crypto/signed.js";
import { DEPLOYMENT } from "./deployment.js";

export const STANDIN = false;
/** The largest bucket the server accepts for events shown back to the reporter (docs/api.md, Blobs). */
export const VISIBLE_MAX_BUCKET = 32768;
export const MAX_TEXT_CHARS = 20000;

const PINS = Object.freeze({
  deploymentId: DEPLOYMENT.id,
  rootKey: hexToBytesStrict(DEPLOYMENT.rootKey, 32),
  argon2: Object.freeze({ ...DEPLOYMENT.argon2, salt: hexToBytesStrict(DEPLOYMENT.argon2.salt, 16) }),
});
const dec = new TextDecoder("utf-8", { fatal: true });
export const hex = bytesToHex;
export const b64 = base64Encode;
export const unb64 = base64Canonical;
export const hasWebAssembly = wasmAvailable;
export const sha256hex = (bytes) => bytesToHex(sha256(bytes));

// ---- receipt codes ------------------------------------------------------------------------------
export const newReceipt = () => generateReceiptCode().digits;
export const formatReceipt = (digits) => grouped(digits);
/** @returns {{ok: true, code: string} | {ok: false, error: "not-a-code"|"check"}} */
export function checkReceipt(input) {
  try {
    return { ok: true, code: parseReceiptCode(input).digits };
  } catch (e) {
    if (e instanceof ReceiptCodeError) return { ok: false, error: e.reason === "NOT_A_CODE" ? "not-a-code" : "check" };
    throw e;
  }
}
export const teamFingerprint = () => fingerprint(PINS.rootKey);

// ---- keys ---------------------------------------------------------------------------------------
/** Slow on purpose (Argon2id); `onProgress(fraction)` is called by the pure-JS fallback only. */
export async function deriveKeys(digits, onProgress) {
  const k = await deriveReporterKeys(parseReceiptCode(digits), PINS.deploymentId, PINS.argon2.salt, { onProgress });
  // The hybrid post-quantum reply recipient (§9): one ML-KEM-768 key generation.
  const replyHybridRecipient = await ageHybridRecipient(k.replyHybridIdentity);
  return { ...k, replyHybridRecipient, publicKey: k.signingPublicKey, pinnedReplyRecipient: null };
}

const isHybrid = (recipient) => recipient.startsWith("age1pq1");

/**
 * The reply recipient this mailbox uses (§7.1, §9.2): the one it is pinned to (recorded on `keys`
 * by openMailbox or sealReport); for a new report, the hybrid one if the team bundle is hybrid
 * (after the flag day), else the classic one. A returning reporter pinned to the classic recipient
 * keeps naming it in replyRecipient (the desk refuses a message whose replyRecipient differs from
 * the pin) until its announcement (below) has moved the pin.
 */
function replyRecipientFor(keys, bundle) {
  if (keys.pinnedReplyRecipient) return keys.pinnedReplyRecipient;
  return bundle.hybrid ? keys.replyHybridRecipient : keys.replyRecipient;
}

/**
 * The hybrid reply recipient to announce (§9.2), or null: only when this mailbox is pinned to its
 * classic recipient and the team bundle is hybrid. The message that carries it is signed by the
 * mailbox key, names the classic pin in replyRecipient, and is encrypted to the hybrid team and the
 * announced recipient, so the reporter can reread it; the desk then moves the pin, and openMailbox
 * does the same when it reads the announcement back, so later messages are ordinary hybrid ones.
 */
function announcementFor(keys, bundle) {
  const pinned = keys.pinnedReplyRecipient;
  return bundle.hybrid && pinned && !isHybrid(pinned) && pinned === keys.replyRecipient ? keys.replyHybridRecipient : null;
}

/** Wipes the secret key bytes we hold (best effort: the age identity string cannot be wiped). */
export function forgetKeys(keys) {
  if (!keys) return;
  keys.signingSeed?.fill?.(0);
  keys.replyIdentitySecret?.fill?.(0);
  keys.replyHybridSeed?.fill?.(0);
  keys.replyIdentity = "";
  keys.replyHybridIdentity = "";
}

// ---- team bundle --------------------------------------------------------------------------------
export class UnavailableError extends Error {
  constructor(step) { super(`team bundle refused: ${step}`); this.step = step; }
}
/** Verifies the served bundle against the pinned values; any failure means "do not encrypt". */
export function acceptBundle(text, highestSeenVersion = 0, today = new Date()) {
  try {
    return verifyBundle(utf8ToBytes(text), PINS, { today, highestSeenVersion });
  } catch (e) {
    if (e instanceof BundleError || e instanceof TypeError || e instanceof SyntaxError) throw new UnavailableError(e.kind ?? "MALFORMED");
    throw new UnavailableError("MALFORMED");
  }
}

// ---- sealing (§7.1, §7.2) -----------------------------------------------------------------------
export class TooLongError extends Error {}

async function encryptTo(recipients, plaintext) {
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  return e.encrypt(plaintext);
}

/** A random id so a retried upload never creates a second event. */
export const clientEventId = () => bytesToHex(crypto.getRandomValues(new Uint8Array(16)));

async function sealSigned(keys, bundle, payload) {
  const payloadBytes = utf8ToBytes(JSON.stringify(payload));
  const signature = signSigned(keys.signingSeed, CONTEXTS.REPORTER_MSG, PINS.deploymentId, payloadBytes);
  const envelope = utf8ToBytes(JSON.stringify({ payload: base64Encode(payloadBytes), signature: base64Encode(signature) }));
  if (bucketFor(envelope.length) > VISIBLE_MAX_BUCKET) throw new TooLongError("message too long for its bucket");
  const padded = pad(envelope);
  // A file never mixes hybrid and classic recipients (§9.2; age-encryption does not enforce it).
  // A reporter pinned to a classic recipient writing to a hybrid team gets no stanza of its own.
  const reply = payload.newReplyRecipient ?? payload.replyRecipient; // an announcement is rereadable already
  const recipients = bundle.recipients.every((r) => isHybrid(r) === isHybrid(reply)) ? [...bundle.recipients, reply] : [...bundle.recipients];
  try {
    return await encryptTo(recipients, padded);
  } finally {
    padded.fill(0);
  }
}

function base(keys, bundle, kind, seq, lastSeen, lang, text) {
  return {
    format: "klachtenbalie-reporter-msg/v1", kind, mailbox: keys.mailboxIdHex, mailboxKey: bytesToHex(keys.publicKey),
    replyRecipient: replyRecipientFor(keys, bundle), seq, lastSeen, bundleVersion: bundle.version, lang, text: text.normalize("NFC"),
  };
}

/**
 * The first event and its photos. Photos are encrypted first: the signed report lists the SHA-256
 * of each photo's ciphertext, which binds them to it.
 * @param {{keys, bundle, lang: string, text: string, form: object, photos: {bytes: Uint8Array, type: string}[]}} o
 * @returns {Promise<{clientEventId: string, report: Uint8Array, attachments: Uint8Array[]}>}
 */
export async function sealReport({ keys, bundle, lang, text, form, photos }) {
  const attachments = [];
  const listed = [];
  for (const [i, ph] of photos.entries()) {
    const padded = pad(ph.bytes);
    const blob = await encryptTo(bundle.recipients, padded);
    padded.fill(0);
    attachments.push(blob);
    listed.push({ seq: i + 2, sha256: sha256hex(blob), type: ph.type, bytes: ph.bytes.length });
  }
  const payload = { ...base(keys, bundle, "report", 1, "", lang, text), form, attachments: listed };
  const report = await sealSigned(keys, bundle, payload);
  keys.pinnedReplyRecipient = payload.replyRecipient;
  return { clientEventId: clientEventId(), report, attachments };
}

/** A follow-up message; `seq` is the server sequence number it will get, `lastSeen` H(last event). */
export async function sealMessage({ keys, bundle, lang, text, seq, lastSeen }) {
  let payload = base(keys, bundle, "message", seq, lastSeen, lang, text);
  const announced = announcementFor(keys, bundle);
  if (announced) {
    // Right after replyRecipient: the order Java and envelope.js write (§7.1).
    const { format, kind, mailbox, mailboxKey, replyRecipient, ...rest } = payload;
    payload = { format, kind, mailbox, mailboxKey, replyRecipient, newReplyRecipient: announced, ...rest };
  }
  return { clientEventId: clientEventId(), message: await sealSigned(keys, bundle, payload), announces: announced !== null };
}

// ---- opening (§7.1, §7.3) -----------------------------------------------------------------------
function openEnvelope(plaintext) {
  const env = JSON.parse(dec.decode(unpad(plaintext)));
  if (!env || typeof env !== "object" || Object.keys(env).sort().join() !== "payload,signature") throw new Error("not an envelope");
  const payloadBytes = base64Canonical(env.payload);
  const signature = base64Canonical(env.signature);
  if (signature.length !== 64) throw new Error("bad signature length");
  const payload = JSON.parse(dec.decode(payloadBytes));
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) throw new Error("payload is not an object");
  return { payloadBytes, signature, payload };
}

/**
 * Opens the reporter's log. Own events are checked against the mailbox key and must carry the
 * sequence number the server filed them under; replies are kept for verifyConversation, which
 * needs a bundle (whose version must not be older than any our own events recorded).
 * @param {{keys, events: {seq:number, kind:string, day:string, blob: Uint8Array|null}[]}} o
 */
export async function openMailbox({ keys, events }) {
  const d = new Decrypter();
  d.addIdentity(keys.replyIdentity); // classic: everything before the team's flag day
  if (keys.replyHybridIdentity) d.addIdentity(keys.replyHybridIdentity); // hybrid (§9)
  const mine = [], theirs = [];
  let unreadable = 0, seenVersion = 0, attachments = 0, pinned = null, teamOnly = 0;
  const hashes = new Map(); // seq → H(blob)
  for (const ev of events) {
    if (ev.kind === "attachment" || ev.blob === null) { attachments++; continue; }
    hashes.set(ev.seq, sha256hex(ev.blob));
    let env;
    try {
      env = openEnvelope(await d.decrypt(ev.blob));
    } catch {
      // Our own follow-up after the team's flag day, while this mailbox is pinned to a classic
      // reply recipient, is encrypted to the hybrid team only (§9.2): expected, not a warning.
      if (ev.kind === "message" && pinned !== null && !isHybrid(pinned)) teamOnly++;
      else unreadable++;
      continue;
    }
    const p = env.payload;
    if (p.format === "klachtenbalie-reply/v1") { theirs.push({ ev, ...env }); continue; }
    const ok = p.format === "klachtenbalie-reporter-msg/v1" && p.mailbox === keys.mailboxIdHex && p.mailboxKey === bytesToHex(keys.publicKey) &&
      (p.replyRecipient === keys.replyRecipient || p.replyRecipient === keys.replyHybridRecipient) && p.seq === ev.seq && (p.kind === "report" || p.kind === "message") &&
      verifySigned(keys.publicKey, CONTEXTS.REPORTER_MSG, PINS.deploymentId, env.signature, env.payloadBytes);
    if (!ok) { unreadable++; continue; }
    if (p.kind === "report") pinned = p.replyRecipient;
    else if (pinned !== null && p.replyRecipient !== pinned) { unreadable++; continue; }
    if (p.newReplyRecipient !== undefined) {
      // Our announcement (§9.2): valid once, in a message, moving a classic pin to our own hybrid
      // recipient — the rule the desk applies; anything else is not ours.
      if (p.kind !== "message" || pinned === null || isHybrid(pinned) || p.newReplyRecipient !== keys.replyHybridRecipient) { unreadable++; continue; }
      pinned = p.newReplyRecipient;
    }
    mine.push({ ev, ...env });
    if (Number.isSafeInteger(p.bundleVersion)) seenVersion = Math.max(seenVersion, p.bundleVersion);
    if (p.kind === "report" && Array.isArray(p.attachments)) for (const a of p.attachments) hashes.set(a.seq, a.sha256);
  }
  // Follow-ups must keep the recipient the report pinned (the desk refuses any other).
  if (pinned !== null) keys.pinnedReplyRecipient = pinned;
  const seqs = events.map((e) => e.seq);
  const last = seqs.length ? seqs[seqs.length - 1] : 0;
  return { mine, theirs, unreadable, teamOnly, attachments, seenVersion, lastSeq: last, lastSeen: hashes.get(last) ?? "", contiguous: seqs.every((s, i) => s === i + 1) };
}

/** A reply counts only if signed by a member of the verified bundle entitled to sign on its day. */
export function verifyConversation({ keys, bundle, opened }) {
  const members = new Map(bundle.members.map((m) => [m.id, m]));
  let unverified = opened.unreadable;
  const replies = [];
  for (const it of opened.theirs) {
    const p = it.payload;
    const m = members.get(p.signer);
    const entitled = m && (m.status === "active" || (m.status === "retired" && typeof p.day === "string" && p.day < m.since));
    const ok = entitled && p.mailbox === keys.mailboxIdHex && Number.isSafeInteger(p.replySeq) && typeof p.text === "string" &&
      verifySigned(hexToBytesStrict(m.signingKey, 32), CONTEXTS.REPLY, PINS.deploymentId, it.signature, it.payloadBytes);
    if (ok) replies.push(it); else unverified++;
  }
  replies.sort((a, b) => a.payload.replySeq - b.payload.replySeq);
  const items = [...opened.mine.map((it) => ({ from: "me", ...it })), ...replies.map((it) => ({ from: "team", ...it }))]
    .sort((a, b) => a.ev.seq - b.ev.seq);
  return {
    items,
    gap: !opened.contiguous || !replies.every((r, i) => r.payload.replySeq === i + 1),
    unverified,
    nextSeq: opened.lastSeq + 1,
    lastSeen: opened.lastSeen,
  };
}

// ---- requests -----------------------------------------------------------------------------------
/** Signs a reporter request over context ‖ deployment ‖ method ‖ path ‖ mailbox id ‖ nonce ‖ SHA-256(body). */
export function signRequest(keys, path, nonce, body) {
  const parts = [utf8ToBytes("POST"), utf8ToBytes(path), keys.mailboxId, nonce, sha256(body)];
  return base64Encode(signSigned(keys.signingSeed, CONTEXTS.REQUEST, PINS.deploymentId, ...parts));
}
