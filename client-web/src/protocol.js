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
import { EventError, parseEnvelope, pinAfter, signReporterMessage, verifyReporterMessage } from "./crypto/envelope.js";
import { REPLY_FORMAT, verifyReply } from "./crypto/reply.js";
import { sealEnvelope } from "./crypto/seal.js";
import { parseStrictJson } from "./crypto/json.js";
import { CONTEXTS, signSigned } from "./crypto/signed.js";
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

/**
 * Text as §7.1 accepts it, the rules the desk applies: line breaks as LF, no control character but tab
 * and LF (others become a space; `multiline` false: tab and LF too), no unpaired surrogate (U+FFFD),
 * NFC. Without this, one pasted control character would make the desk refuse the whole report.
 */
export function cleanText(text, multiline = true) {
  const t = text.replace(/\r\n?/g, "\n");
  let out = "";
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const next = i + 1 < t.length ? t.charCodeAt(i + 1) : 0;
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) out += t[i] + t[++i];
    else if (c >= 0xd800 && c <= 0xdfff) out += "\ufffd";
    else if ((c < 0x20 || (c >= 0x7f && c < 0xa0)) && !(multiline && (c === 0x0a || c === 0x09))) out += " ";
    else out += t[i];
  }
  return out.normalize("NFC");
}

/**
 * Builds, signs, pads and encrypts a reporter message with envelope.js — the §7 code checked against
 * Java's vectors — so the browser never sends what the desk would refuse.
 */
async function sealSigned(keys, bundle, fields) {
  let envelope;
  try {
    envelope = signReporterMessage(keys.signingSeed, PINS.deploymentId, fields);
  } catch (e) {
    if (e instanceof EventError && /too (long|large)/.test(e.message)) throw new TooLongError(e.message);
    throw e;
  }
  if (bucketFor(envelope.length) > VISIBLE_MAX_BUCKET) throw new TooLongError("message too long for its bucket");
  // A file never mixes hybrid and classic recipients (§9.2; sealEnvelope refuses a mix, age-encryption
  // would not). A reporter pinned to a classic recipient writing to a hybrid team gets no stanza of its own.
  const reply = fields.newReplyRecipient ?? fields.replyRecipient; // an announcement is rereadable already
  const recipients = bundle.recipients.every((r) => isHybrid(r) === isHybrid(reply)) ? [...bundle.recipients, reply] : [...bundle.recipients];
  return sealEnvelope(envelope, recipients);
}

function base(keys, bundle, kind, seq, lastSeen, lang, text) {
  return {
    kind, mailbox: keys.mailboxIdHex, mailboxKey: bytesToHex(keys.publicKey), replyRecipient: replyRecipientFor(keys, bundle),
    seq, lastSeen, bundleVersion: bundle.version, lang, text: cleanText(text),
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
  const { place, ...codes } = form;
  const line = place === undefined ? "" : [...cleanText(place, false).trim()].slice(0, 80).join(""); // §7.4: one line, 80 characters
  const payload = { ...base(keys, bundle, "report", 1, "", lang, text), form: line ? { ...codes, place: line } : codes, attachments: listed };
  const report = await sealSigned(keys, bundle, payload);
  keys.pinnedReplyRecipient = payload.replyRecipient;
  return { clientEventId: clientEventId(), report, attachments };
}

/** A follow-up message; `seq` is the server sequence number it will get, `lastSeen` H(last event). */
export async function sealMessage({ keys, bundle, lang, text, seq, lastSeen }) {
  const announced = announcementFor(keys, bundle);
  const fields = { ...base(keys, bundle, "message", seq, lastSeen, lang, text), ...(announced ? { newReplyRecipient: announced } : {}) };
  return { clientEventId: clientEventId(), message: await sealSigned(keys, bundle, fields), announces: announced !== null };
}

// ---- opening (§7.1, §7.3) -----------------------------------------------------------------------
/** The format an envelope's payload names, before anything is verified (to pick the verifier). */
function formatOf(envelopeBytes) {
  const payload = parseStrictJson(parseEnvelope(envelopeBytes).payload);
  return payload instanceof Map ? payload.get("format") : undefined;
}

/**
 * One of our own events, verified with envelope.js as the desk verifies it (§7.1): the report under
 * the key it names, which must be ours; later messages under the report's pin. Returns the payload
 * and the pin after it, or null if the event is not ours.
 */
function ownEvent(keys, envelopeBytes, ev, pin) {
  try {
    const m = verifyReporterMessage(envelopeBytes, PINS.deploymentId, keys.mailboxIdHex, pin);
    if (m.seq !== ev.seq || m.mailboxKey !== bytesToHex(keys.publicKey)) return null;
    if (pin === null) {
      if (m.replyRecipient !== keys.replyRecipient && m.replyRecipient !== keys.replyHybridRecipient) return null;
      return { m, pin: Object.freeze({ mailbox: m.mailbox, mailboxKey: m.mailboxKey, replyRecipient: m.replyRecipient }) };
    }
    // An announcement (§9.2) moves a classic pin to our own hybrid recipient, once: the desk's rule.
    if (m.kind !== "message" || (m.newReplyRecipient !== undefined && m.newReplyRecipient !== keys.replyHybridRecipient)) return null;
    return { m, pin: pinAfter(pin, m) };
  } catch (e) {
    if (e instanceof EventError) return null;
    throw e;
  }
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
  let unreadable = 0, seenVersion = 0, attachments = 0, pin = null, teamOnly = 0;
  const hashes = new Map(); // seq → H(blob)
  for (const ev of events) {
    if (ev.kind === "attachment" || ev.blob === null) { attachments++; continue; }
    hashes.set(ev.seq, sha256hex(ev.blob));
    let envelope, format;
    try {
      const padded = await d.decrypt(ev.blob);
      envelope = unpad(padded);
      format = formatOf(envelope);
    } catch {
      // Our own follow-up after the team's flag day, while this mailbox is pinned to a classic
      // reply recipient, is encrypted to the hybrid team only (§9.2): expected, not a warning.
      if (ev.kind === "message" && pin !== null && !isHybrid(pin.replyRecipient)) teamOnly++;
      else unreadable++;
      continue;
    }
    if (format === REPLY_FORMAT) { theirs.push({ ev, envelope }); continue; }
    const own = ownEvent(keys, envelope, ev, pin);
    if (own === null) { unreadable++; continue; }
    pin = own.pin;
    mine.push({ ev, payload: own.m });
    seenVersion = Math.max(seenVersion, own.m.bundleVersion);
    if (own.m.kind === "report") for (const a of own.m.attachments) hashes.set(a.seq, a.sha256);
  }
  // Follow-ups must keep the recipient the report pinned (the desk refuses any other).
  if (pin !== null) keys.pinnedReplyRecipient = pin.replyRecipient;
  const seqs = events.map((e) => e.seq);
  const last = seqs.length ? seqs[seqs.length - 1] : 0;
  return { mine, theirs, unreadable, teamOnly, attachments, seenVersion, lastSeq: last, lastSeen: hashes.get(last) ?? "", contiguous: seqs.every((s, i) => s === i + 1) };
}

/**
 * A reply counts only if it verifies with envelope.js (§7.3): signed by a member of the verified
 * bundle entitled to sign on its day, under a bundle not newer than it, addressed to this mailbox.
 */
export function verifyConversation({ keys, bundle, opened }) {
  let unverified = opened.unreadable;
  const replies = [];
  for (const it of opened.theirs) {
    try {
      replies.push({ ev: it.ev, payload: verifyReply(it.envelope, PINS.deploymentId, keys.mailboxIdHex, bundle) });
    } catch (e) {
      if (!(e instanceof EventError)) throw e;
      unverified++;
    }
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
