// The thin adapter between the interface and the protocol code. The views never touch keys, bytes
// or formats; they call these functions. Everything cryptographic below comes from one import:
//
//   ./standin/crypto.js  (TODAY — a stand-in following docs/protocol.md §2–6)
//   → replace by the real modules on branch `receipt`:
//       generateReceipt, parseReceipt, formatReceipt, ReceiptError  ← ./crypto/receipt.js
//       deriveReporterKeys                                           ← ./crypto/derive.js
//       signedBytes, sign, verify                                   ← ./crypto/signed.js
//       pad, unpad                                                   ← ./crypto/pad.js
//       verifyBundle, BundleError, teamFingerprint                   ← ./crypto/bundle.js
//
// What this file adds on top is the message envelope (not yet in docs/protocol.md — a proposal):
//
//   message   = signature(64) ‖ u32(len(header)) ‖ header ‖ payload
//   signature = Ed25519(key, signed(context, deploymentId, header, payload))
//   header    = UTF-8 JSON, see sealReporterMessage / openReply
//   event     = age(pad(message)) to every team recipient (+ the reporter's own reply recipient for
//               text, never for photos)
//
// Reporter messages bind the mailbox id, the mailbox public key, the reply recipient, a per-mailbox
// sequence number, the hash of the last event the reporter saw and the bundle version; replies bind
// the mailbox id, their own sequence number, the last reporter event the team saw, the bundle version
// and the signing key id (DESIGN.md, "Bind messages to their conversation").
import { Decrypter, Encrypter } from "age-encryption";
import { sha256 } from "@noble/hashes/sha2.js";
import * as C from "./standin/crypto.js";
import { DEPLOYMENT } from "./deployment.js";

export const STANDIN = C.STANDIN === true;
const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { fatal: true });
export const hex = C.hex;
export const unhex = C.unhex;
export function b64(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
export function unb64(s) {
  if (typeof s !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new Error("bad base64");
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
}
const u32 = (n) => Uint8Array.of(n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
};

// ---- receipt codes ------------------------------------------------------------------------------
export const newReceipt = () => C.generateReceipt();
export const formatReceipt = (code) => C.formatReceipt(code);
/** @returns {{ok: true, code: string} | {ok: false, error: "not-a-code"|"check"}} */
export function checkReceipt(input) {
  try {
    return { ok: true, code: C.parseReceipt(input) };
  } catch (e) {
    if (e instanceof C.ReceiptError) return { ok: false, error: e.kind === "not-a-code" ? "not-a-code" : "check" };
    throw e;
  }
}
export const teamFingerprint = () => C.teamFingerprint(DEPLOYMENT.rootKey);

// ---- keys ---------------------------------------------------------------------------------------
/** Slow on purpose (Argon2id); `onProgress(fraction)` is called by the pure-JS fallback only. */
export async function deriveKeys(code, onProgress) {
  return C.deriveReporterKeys(code, DEPLOYMENT.argon2, { deploymentId: DEPLOYMENT.id, onProgress });
}
export const hasWebAssembly = () => typeof WebAssembly === "object" && typeof WebAssembly.instantiate === "function";

// ---- team bundle --------------------------------------------------------------------------------
export class UnavailableError extends Error {
  constructor(step) { super(`team bundle refused: ${step}`); this.step = step; }
}
/** Verifies the served bundle against the pinned values; any failure means "do not encrypt". */
export function acceptBundle(text, seenVersion = 0, today = new Date()) {
  try {
    return C.verifyBundle(text, { deploymentId: DEPLOYMENT.id, rootKey: DEPLOYMENT.rootKey, argon2: DEPLOYMENT.argon2, seenVersion, today });
  } catch (e) {
    throw new UnavailableError(e.step ?? "malformed");
  }
}

// ---- envelopes ----------------------------------------------------------------------------------
function frame(signature, header, payload) {
  return concat(signature, u32(header.length), header, payload);
}
function unframe(bytes) {
  if (bytes.length < 68) throw new Error("short message");
  const n = ((bytes[64] << 24) >>> 0) + ((bytes[65] << 16) | (bytes[66] << 8) | bytes[67]);
  if (68 + n > bytes.length) throw new Error("bad header length");
  return { signature: bytes.subarray(0, 64), header: bytes.subarray(68, 68 + n), payload: bytes.subarray(68 + n) };
}

async function encryptTo(recipients, plaintext) {
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  return e.encrypt(plaintext);
}

/** A random id so a retried upload never creates a second event. */
export function clientEventId() {
  return hex(crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * @param {object} o
 * @param {object} o.keys from deriveKeys
 * @param {object} o.bundle from acceptBundle
 * @param {"report"|"message"|"attachment"} o.kind
 * @param {number} o.seq the reporter's own sequence number (attachments carry their report's)
 * @param {string} o.prev hex SHA-256 of the last event ciphertext the reporter saw, or ""
 * @param {object} o.body JSON-able content of the header
 * @param {Uint8Array} [o.payload] attachment bytes
 */
export async function sealReporterMessage({ keys, bundle, kind, seq, prev, body, payload = new Uint8Array(0) }) {
  const header = enc.encode(JSON.stringify({
    v: 1, kind, mailbox: hex(keys.mailboxId), mailboxKey: hex(keys.publicKey), replyTo: keys.replyRecipient,
    seq, prev, bundleVersion: bundle.version, body,
  }));
  const signature = C.sign("reporter-msg", DEPLOYMENT.id, [header, payload], keys.signingKey);
  const padded = C.pad(frame(signature, header, payload));
  // Photos go to the team only; the reporter can reread their own words.
  const recipients = kind === "attachment" ? bundle.recipients : [...bundle.recipients, keys.replyRecipient];
  const ciphertext = await encryptTo(recipients, padded);
  padded.fill(0);
  return { clientEventId: clientEventId(), ciphertext };
}

export const eventHash = (ciphertext) => hex(sha256(ciphertext));

/**
 * Opens the reporter's mailbox log: own messages are checked against the mailbox key, replies
 * against the team bundle. Nothing unverifiable is shown.
 * @param {{keys: object, events: {seq:number, day:string, ciphertext:Uint8Array}[], bundle?: object}} o
 */
export async function openMailbox({ keys, events }) {
  const d = new Decrypter();
  d.addIdentity(keys.replyIdentity);
  const mine = [], theirs = [];
  let hidden = 0, seenVersion = 0;
  for (const ev of events) {
    let msg;
    try {
      msg = unframe(C.unpad(await d.decrypt(ev.ciphertext)));
    } catch {
      hidden++; // photos (team only) — or something we cannot read; either way not shown
      continue;
    }
    let h;
    try { h = JSON.parse(dec.decode(msg.header)); } catch { hidden++; continue; }
    const item = { day: ev.day, hash: eventHash(ev.ciphertext), header: h, msg };
    if (h.kind === "reply") theirs.push(item);
    else {
      const ok = h.mailbox === hex(keys.mailboxId) && h.mailboxKey === hex(keys.publicKey) && h.replyTo === keys.replyRecipient &&
        C.verify("reporter-msg", DEPLOYMENT.id, [msg.header, msg.payload], msg.signature, keys.publicKey);
      if (!ok) { hidden++; continue; }
      mine.push(item);
      if (Number.isInteger(h.bundleVersion)) seenVersion = Math.max(seenVersion, h.bundleVersion);
    }
  }
  return { mine, theirs, hidden, seenVersion, lastHash: events.length ? eventHash(events.at(-1).ciphertext) : "" };
}

/** Checks replies against the verified bundle; returns the conversation in server order. */
export function verifyConversation({ keys, bundle, opened }) {
  const members = new Map((bundle.members ?? []).map((m) => [m.id, m]));
  let unverified = opened.hidden;
  const replies = [];
  for (const it of opened.theirs) {
    const h = it.header;
    const m = members.get(h.keyId);
    const ok = m && m.status !== "compromised" && typeof m.signingKey === "string" && h.mailbox === hex(keys.mailboxId) &&
      C.verify("reply", DEPLOYMENT.id, [it.msg.header, it.msg.payload], it.msg.signature, unhex(m.signingKey));
    if (ok) replies.push(it); else unverified++;
  }
  const own = opened.mine.filter((m) => m.header.kind !== "attachment");
  const contiguous = (list) => list.every((it, i) => it.header.seq === i + 1);
  const items = [...own.map((it) => ({ from: "me", ...it })), ...replies.map((it) => ({ from: "team", ...it }))]
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return {
    items,
    gap: !contiguous(own) || !contiguous(replies),
    // hidden events are expected for photos; the report says how many it sent
    unverified: Math.max(0, unverified - own.reduce((n, it) => n + (it.header.body?.photos ?? 0), 0)),
    nextSeq: own.length + 1,
    prev: opened.lastHash,
  };
}

// ---- requests -----------------------------------------------------------------------------------
/** Signs a reporter request over context ‖ deployment ‖ method ‖ path ‖ mailbox id ‖ nonce ‖ SHA-256(body). */
export function signRequest(keys, path, nonce, body) {
  const parts = [enc.encode("POST"), enc.encode(path), keys.mailboxId, nonce, sha256(body)];
  return b64(C.sign("request", DEPLOYMENT.id, parts, keys.signingKey));
}

/** Wipes secret key material we hold (best effort: JS strings cannot be wiped). */
export function forgetKeys(keys) {
  if (!keys) return;
  keys.signingKey?.fill?.(0);
  keys.replyIdentity = "";
}
