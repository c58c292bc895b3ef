// Protocol §7: the signed envelopes inside every event's encryption. The twin of Java's
// nl.klachtenbalie.crypto.event: same envelope and payload rules, same error kinds, and payloads
// written byte for byte as Java's JsonWriter writes them (checked by the shared vector file).
//
// The browser builds and signs reporter messages, and verifies replies (and its own messages when
// it rereads them). Nothing in an envelope is shown before it verifies.
import { Decrypter, Encrypter } from "age-encryption";
import { sha256 } from "@noble/hashes/sha2.js";
import { base64Canonical, base64Encode, bytesToHex, hexToBytesStrict, utf8ToBytes } from "./bytes.js";
import { parseStrictJson, JSON_NULL } from "./json.js";
import { CONTEXTS, isValidPublicKey, signSigned, verifySigned } from "./signed.js";
import { pad, unpad, PaddingError, MAX_CONTENT_LENGTH } from "./pad.js";
import { isAnyAgeRecipient, parseDate } from "./bundle.js";

export const MAX_PAYLOAD_SIZE = 128 * 1024;
export const MAX_ENCODED_SIZE = 4 * (Math.floor(MAX_PAYLOAD_SIZE / 3) + 1) + 256;
export const MAX_EVENT_FILE_SIZE = 524288 + 64 * 1024;
export const MAX_TEXT = 20000;
export const MAX_ATTACHMENTS = 10;
export const REPORTER_MSG_FORMAT = "klachtenbalie-reporter-msg/v1";
export const REPLY_FORMAT = "klachtenbalie-reply/v1";

/** The §7.4 form codes, in protocol order. */
export const FORM_CODES = Object.freeze({
  kind: Object.freeze(["complaint", "question", "help", "story"]),
  about: Object.freeze(["exploitant", "escort_agency", "gemeente", "police", "tax_kvk", "bank_insurer", "landlord",
    "health_social", "client", "other"]),
  topic: Object.freeze(["work", "money", "enforcement", "housing", "tax", "health", "residence", "stigma", "violence",
    "exiting", "other"]),
  wants: Object.freeze(["listen", "rights_info", "help_complain", "act_for_me", "count_only"]),
  consent: Object.freeze(["anonymous", "work_name", "contact_party"]),
  reporter: Object.freeze(["self", "on_behalf"]),
  caseworkerGender: Object.freeze(["no_preference", "woman", "man", "non_binary"]),
});
const FORM_ORDER = ["kind", "about", "topic", "place", "month", "wants", "consent", "reporter", "replyLang",
  "caseworkerGender"];
const IMAGE_TYPES = ["image/jpeg", "image/png"];

/** kind: MALFORMED | DECRYPT | SIGNATURE | SIGNER | WRONG_MAILBOX | KEY_MISMATCH */
export class EventError extends Error {
  constructor(kind, message) {
    super(kind + ": " + message);
    this.name = "EventError";
    this.kind = kind;
  }
}

const malformed = (m) => new EventError("MALFORMED", m);

// ---------------------------------------------------------------------------------------------
// JSON writer: exactly Java's JsonWriter — no white space, keys in insertion order, only `"` and
// `\` escaped with a backslash, control characters as \u00xx (lower-case hex), everything else
// raw UTF-8. JSON.stringify differs (it writes \n), so it is not used for signed bytes.

function writeValue(v, out) {
  if (typeof v === "string") {
    writeString(v, out);
  } else if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) throw new RangeError("only safe integers");
    out.push(String(v));
  } else if (typeof v === "boolean") {
    out.push(v ? "true" : "false");
  } else if (v === JSON_NULL || v === null) {
    out.push("null");
  } else if (Array.isArray(v)) {
    out.push("[");
    v.forEach((x, i) => {
      if (i > 0) out.push(",");
      writeValue(x, out);
    });
    out.push("]");
  } else if (v instanceof Map || typeof v === "object") {
    const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
    out.push("{");
    entries.forEach(([k, x], i) => {
      if (i > 0) out.push(",");
      writeString(k, out);
      out.push(":");
      writeValue(x, out);
    });
    out.push("}");
  } else {
    throw new TypeError("cannot write " + typeof v);
  }
}

function writeString(s, out) {
  let r = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) {
      r += "\\" + s[i];
    } else if (c < 0x20) {
      r += "\\u" + c.toString(16).padStart(4, "0");
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const lo = s.charCodeAt(i + 1);
      if (c > 0xdbff || !(lo >= 0xdc00 && lo <= 0xdfff)) throw new RangeError("unpaired surrogate");
      r += s[i] + s[++i];
    } else {
      r += s[i];
    }
  }
  out.push(r + '"');
}

/** UTF-8 bytes of `value` as Java's JsonWriter writes them. */
export function writeJson(value) {
  const out = [];
  writeValue(value, out);
  return utf8ToBytes(out.join(""));
}

// ---------------------------------------------------------------------------------------------
// Envelope

/** {"payload":"<b64>","signature":"<b64>"} */
export function encodeEnvelope(payload, signature) {
  return writeJson({ payload: base64Encode(payload), signature: base64Encode(signature) });
}

function exactKeys(v, required, optional = []) {
  if (!(v instanceof Map)) throw malformed("expected an object");
  for (const k of required) if (!v.has(k)) throw malformed("missing field");
  for (const k of v.keys()) if (!required.includes(k) && !optional.includes(k)) throw malformed("unknown field");
  return v;
}

function str(v) {
  if (typeof v !== "string") throw malformed("expected a string");
  return v;
}

function int(v, min = 1, max = Number.MAX_SAFE_INTEGER) {
  if (!Number.isSafeInteger(v) || v < min || v > max) throw malformed("integer out of range");
  return v;
}

function json(bytes) {
  try {
    return parseStrictJson(bytes);
  } catch (e) {
    throw malformed("json: " + e.message);
  }
}

/** Parses an envelope's shape only: { payload, signature } as bytes. Throws EventError MALFORMED. */
export function parseEnvelope(bytes) {
  if (!(bytes instanceof Uint8Array) || bytes.length > MAX_ENCODED_SIZE) throw malformed("envelope missing or too large");
  const m = exactKeys(json(bytes), ["payload", "signature"]);
  let payload;
  let signature;
  try {
    payload = base64Canonical(str(m.get("payload")));
    signature = base64Canonical(str(m.get("signature")));
  } catch (e) {
    throw e instanceof EventError ? e : malformed("envelope: base64 is not canonical");
  }
  if (signature.length !== 64) throw malformed("signature must be 64 bytes");
  if (payload.length > MAX_PAYLOAD_SIZE) throw malformed("payload too large");
  return { payload, signature };
}

function verified(envelope, publicKey, context, deploymentId) {
  if (!verifySigned(publicKey, context, deploymentId, envelope.signature, envelope.payload)) {
    throw new EventError("SIGNATURE", "signature does not verify for " + context);
  }
  return envelope.payload;
}

// ---------------------------------------------------------------------------------------------
// Field rules (Java: event/Fields)

const MAILBOX = /^[0-9a-f]{32}$/;
const HASH = /^[0-9a-f]{64}$/;
const MEMBER_ID = /^[A-Za-z0-9._-]{1,64}$/;
const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

function match(re, s, what) {
  if (typeof s !== "string" || !re.test(s)) throw malformed(what);
  return s;
}

const lang = (s, f) => {
  if (typeof s === "string" && s.length > 35) throw malformed(f + " is too long");
  return match(LANG, s, f + " must be a language code");
};

/** NFC text of at most `max` code points, no control characters (tab and LF if multiline). */
export function checkText(s, field, max, multiline, allowEmpty) {
  if (typeof s !== "string") throw malformed(field + " is missing");
  if (s.length === 0 && !allowEmpty) throw malformed(field + " must not be empty");
  if (s.length > 2 * max) throw malformed(field + " is too long");
  let count = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    if (cp >= 0xd800 && cp <= 0xdfff) throw malformed(field + " contains an unpaired surrogate");
    const control = cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
    if (control && !(multiline && (cp === 0x0a || cp === 0x09))) throw malformed(field + " contains a control character");
    count++;
  }
  if (count > max) throw malformed(field + " is too long");
  if (s.normalize("NFC") !== s) throw malformed(field + " is not in Unicode NFC");
  return s;
}

function date(s, field) {
  try {
    return parseDate(s);
  } catch {
    throw malformed(field + " must be a YYYY-MM-DD calendar date");
  }
}

function month(s) {
  const m = typeof s === "string" && /^([0-9]{4})-([0-9]{2})$/.exec(s);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1 || Number(m[2]) > 12) throw malformed("form.month must be YYYY-MM");
  return s;
}

function mailboxKeyHex(s) {
  let bytes;
  try {
    bytes = hexToBytesStrict(str(s), 32);
  } catch {
    throw malformed("mailboxKey must be 64 lower-case hex characters");
  }
  if (!isValidPublicKey(bytes)) throw malformed("mailboxKey is not a valid Ed25519 public key");
  return s;
}

// ---------------------------------------------------------------------------------------------
// Reporter messages (§7.1)

const RM_REQUIRED = ["format", "kind", "mailbox", "mailboxKey", "replyRecipient", "seq", "lastSeen", "bundleVersion",
  "lang", "text"];

function checkForm(form) {
  const out = {};
  for (const k of Object.keys(form)) if (!FORM_ORDER.includes(k)) throw malformed("unknown form field");
  for (const k of FORM_ORDER) {
    const v = form[k];
    if (v === undefined) continue;
    if (k === "place") out.place = checkText(v, "form.place", 80, false, false);
    else if (k === "month") out.month = month(v);
    else if (k === "replyLang") out.replyLang = lang(v, "form.replyLang");
    else if (typeof v !== "string" || !FORM_CODES[k].includes(v)) throw malformed("form." + k + " is not one of the listed codes");
    else out[k] = v;
  }
  return Object.freeze(out);
}

function checkAttachment(a) {
  const keys = Object.keys(a);
  if (keys.length !== 4 || !["seq", "sha256", "type", "bytes"].every((k) => keys.includes(k))) {
    throw malformed("missing or unknown attachment fields");
  }
  int(a.seq);
  match(HASH, a.sha256, "attachment sha256 must be 64 lower-case hex characters");
  if (!IMAGE_TYPES.includes(a.type)) throw malformed("attachment type must be image/jpeg or image/png");
  int(a.bytes, 1, MAX_CONTENT_LENGTH);
  return Object.freeze({ seq: a.seq, sha256: a.sha256, type: a.type, bytes: a.bytes });
}

/** The §7.1 rules on a plain object; returns a frozen normalised copy. Throws EventError MALFORMED. */
export function checkReporterMessage(m) {
  if (m.kind !== "report" && m.kind !== "message") throw malformed("kind must be report or message");
  const report = m.kind === "report";
  const r = {
    format: REPORTER_MSG_FORMAT,
    kind: m.kind,
    mailbox: match(MAILBOX, m.mailbox, "mailbox must be 32 lower-case hex characters"),
    mailboxKey: mailboxKeyHex(m.mailboxKey),
    replyRecipient: isAnyAgeRecipient(m.replyRecipient) ? m.replyRecipient : (() => {
      throw malformed("replyRecipient must be a canonical age1… X25519 or age1pq1… hybrid recipient");
    })(),
    seq: int(m.seq),
    lastSeen: m.lastSeen,
    bundleVersion: int(m.bundleVersion),
    lang: lang(m.lang, "lang"),
    text: checkText(m.text, "text", MAX_TEXT, true, false),
  };
  // The announcement of a hybrid reply recipient (§9.2): a message of a mailbox pinned to a classic
  // recipient names its hybrid one; never in a report, never a classic value, never twice hybrid.
  if (m.newReplyRecipient !== undefined && m.newReplyRecipient !== null) {
    if (report) throw malformed("only a message announces a newReplyRecipient");
    if (!isAnyAgeRecipient(m.newReplyRecipient) || !m.newReplyRecipient.startsWith("age1pq1")) {
      throw malformed("newReplyRecipient must be an age1pq1… hybrid recipient");
    }
    if (r.replyRecipient.startsWith("age1pq1")) {
      throw malformed("only a mailbox pinned to a classic reply recipient announces a newReplyRecipient");
    }
    r.newReplyRecipient = m.newReplyRecipient;
  }
  if (report) {
    if (r.seq !== 1 || r.lastSeen !== "") throw malformed("a report has seq 1 and an empty lastSeen");
    if (m.form === undefined || m.form === null || typeof m.form !== "object") throw malformed("a report carries the form");
    r.form = checkForm(m.form);
    const attachments = m.attachments ?? [];
    if (!Array.isArray(attachments) || attachments.length > MAX_ATTACHMENTS) throw malformed("too many attachments");
    r.attachments = Object.freeze(attachments.map(checkAttachment));
    const hashes = new Set();
    r.attachments.forEach((a, i) => {
      if (a.seq !== r.seq + 1 + i || hashes.has(a.sha256)) throw malformed("attachments must follow the report in order, each once");
      hashes.add(a.sha256);
    });
  } else {
    if (r.seq < 2) throw malformed("a message has seq 2 or more");
    match(HASH, r.lastSeen, "lastSeen must be 64 lower-case hex characters");
    if (m.form !== undefined || (m.attachments !== undefined && m.attachments.length !== 0)) {
      throw malformed("only a report carries a form and attachments");
    }
  }
  return Object.freeze(r);
}

/** Parses reporter-message payload bytes strictly. */
export function parseReporterMessage(bytes) {
  if (bytes.length > MAX_PAYLOAD_SIZE) throw malformed("payload too large");
  const o = json(bytes);
  if (!(o instanceof Map)) throw malformed("expected an object");
  const report = o.get("kind") === "report";
  exactKeys(o, report ? [...RM_REQUIRED, "form", "attachments"] : RM_REQUIRED, report ? [] : ["newReplyRecipient"]);
  if (o.get("format") !== REPORTER_MSG_FORMAT) throw malformed("unknown format");
  const plain = Object.fromEntries([...o.entries()].filter(([k]) => k !== "form" && k !== "attachments"));
  if (report) {
    const form = o.get("form");
    if (!(form instanceof Map)) throw malformed("form must be an object");
    plain.form = Object.fromEntries(form);
    const attachments = o.get("attachments");
    if (!Array.isArray(attachments)) throw malformed("attachments must be an array");
    if (attachments.length > MAX_ATTACHMENTS) throw malformed("too many attachments");
    plain.attachments = attachments.map((a) => {
      if (!(a instanceof Map)) throw malformed("attachment must be an object");
      return Object.fromEntries(a);
    });
  }
  for (const k of ["mailbox", "mailboxKey", "replyRecipient", "lastSeen", "lang", "text"]) str(plain[k]);
  if (o.has("newReplyRecipient")) str(plain.newReplyRecipient);
  return checkReporterMessage(plain);
}

/** Payload bytes of a reporter message, in the protocol's field order (as Java writes them). */
export function buildReporterMessage(fields) {
  const m = checkReporterMessage(fields);
  const o = new Map();
  for (const k of RM_REQUIRED) {
    o.set(k, m[k]);
    if (k === "replyRecipient" && m.newReplyRecipient !== undefined) o.set("newReplyRecipient", m.newReplyRecipient);
  }
  if (m.kind === "report") {
    const form = new Map();
    for (const k of FORM_ORDER) if (m.form[k] !== undefined) form.set(k, m.form[k]);
    o.set("form", form);
    o.set("attachments", m.attachments.map((a) => new Map([["seq", a.seq], ["sha256", a.sha256], ["type", a.type],
      ["bytes", a.bytes]])));
  }
  const bytes = writeJson(o);
  if (bytes.length > MAX_PAYLOAD_SIZE) throw malformed("payload too large");
  return bytes;
}

/** A signed reporter-msg envelope; `seed` is the mailbox signing key's 32-byte seed. */
export function signReporterMessage(seed, deploymentId, fields) {
  const payload = buildReporterMessage(fields);
  return encodeEnvelope(payload, signSigned(seed, CONTEXTS.REPORTER_MSG, deploymentId, payload));
}

/**
 * Verifies a reporter-msg envelope filed under `filedMailbox`. With `pin` ({ mailbox, mailboxKey,
 * replyRecipient }, from the first report) the signature is checked before the payload is parsed;
 * without, the event must be a report and verifies under the key it names.
 */
export function verifyReporterMessage(envelopeBytes, deploymentId, filedMailbox, pin = null) {
  const env = parseEnvelope(envelopeBytes);
  let m;
  if (pin === null) {
    m = parseReporterMessage(env.payload);
    verified(env, hexToBytesStrict(m.mailboxKey, 32), CONTEXTS.REPORTER_MSG, deploymentId);
    if (m.kind !== "report") throw new EventError("KEY_MISMATCH", "a follow-up message without a pinned report");
  } else {
    m = parseReporterMessage(verified(env, hexToBytesStrict(pin.mailboxKey, 32), CONTEXTS.REPORTER_MSG, deploymentId));
  }
  if (m.mailbox !== filedMailbox) throw new EventError("WRONG_MAILBOX", "names another mailbox than it was filed under");
  if (pin !== null && m.newReplyRecipient !== undefined && pin.replyRecipient.startsWith("age1pq1")) {
    // Replayed, reordered or a second announcement: the pin never moves back or twice.
    throw new EventError("KEY_MISMATCH", "announces a hybrid reply recipient, but the mailbox is already pinned to one");
  }
  if (pin !== null && (pin.mailbox !== m.mailbox || pin.mailboxKey !== m.mailboxKey || pin.replyRecipient !== m.replyRecipient)) {
    throw new EventError("KEY_MISMATCH", "differs from the mailbox's first report");
  }
  return m;
}

/**
 * The pin after a message `verifyReporterMessage` accepted under `pin`: moved to the announced
 * hybrid recipient (§9.2) if the message carries one, else unchanged.
 */
export function pinAfter(pin, m) {
  if (pin.mailbox !== m.mailbox || pin.mailboxKey !== m.mailboxKey || pin.replyRecipient !== m.replyRecipient) {
    throw new EventError("KEY_MISMATCH", "the message was not verified under this pin");
  }
  return m.newReplyRecipient === undefined ? pin : Object.freeze({ ...pin, replyRecipient: m.newReplyRecipient });
}

// ---------------------------------------------------------------------------------------------
// Replies (§7.3)

const REPLY_FIELDS = ["format", "mailbox", "replySeq", "lastReporterEvent", "bundleVersion", "signer", "day", "lang",
  "text"];

/** Parses reply payload bytes strictly. */
export function parseReply(bytes) {
  if (bytes.length > MAX_PAYLOAD_SIZE) throw malformed("payload too large");
  const o = exactKeys(json(bytes), REPLY_FIELDS);
  if (o.get("format") !== REPLY_FORMAT) throw malformed("unknown format");
  const day = str(o.get("day"));
  date(day, "day");
  return Object.freeze({
    format: REPLY_FORMAT,
    mailbox: match(MAILBOX, o.get("mailbox"), "mailbox must be 32 lower-case hex characters"),
    replySeq: int(o.get("replySeq")),
    lastReporterEvent: match(HASH, o.get("lastReporterEvent"), "lastReporterEvent must be a hash"),
    bundleVersion: int(o.get("bundleVersion")),
    signer: match(MEMBER_ID, o.get("signer"), "signer must be a member id"),
    day,
    lang: lang(o.get("lang"), "lang"),
    text: checkText(o.get("text"), "text", MAX_TEXT, true, false),
  });
}

/**
 * Verifies a reply envelope as protocol §7.3 requires: signed by `signer`'s key in `bundle` (the
 * newest verified bundle payload, as verifyBundle returns it), that member active or retired after
 * the reply's day, a bundle version not newer than `bundle`'s, addressed to `ownMailbox`. Whether
 * replySeq is contiguous is the caller's to show ("a message may be missing").
 */
export function verifyReply(envelopeBytes, deploymentId, ownMailbox, bundle) {
  const env = parseEnvelope(envelopeBytes);
  const unverified = parseReply(env.payload);
  const member = bundle.members.find((m) => m.id === unverified.signer);
  if (!member) throw new EventError("SIGNER", "signer is not in the team bundle");
  const r = parseReply(verified(env, hexToBytesStrict(member.signingKey, 32), CONTEXTS.REPLY, deploymentId));
  // A compromised key is never trusted, whatever day it claims; a retired one only before it retired.
  const ok = member.status === "active" || (member.status === "retired" && date(r.day, "day") < parseDate(member.since));
  if (!ok) throw new EventError("SIGNER", "signer was not allowed to sign on that day");
  if (r.bundleVersion > bundle.version) throw new EventError("SIGNER", "names a newer bundle than the trusted one");
  if (r.mailbox !== ownMailbox) throw new EventError("WRONG_MAILBOX", "addressed to another mailbox");
  return r;
}

// ---------------------------------------------------------------------------------------------
// Sealing and opening with age

/** H(blob): lower-case hex SHA-256 of a stored age file. */
export function eventHash(fileBytes) {
  return bytesToHex(sha256(fileBytes));
}

/**
 * Decrypts an event with `identity` (AGE-SECRET-KEY-1… or AGE-SECRET-KEY-PQ-1…, or an array of
 * them: the classic and the hybrid reply identity, §9), unpads it and parses the envelope.
 * Returns { hash, envelope: bytes } — not verified yet.
 */
export async function openEvent(fileBytes, identity) {
  if (!(fileBytes instanceof Uint8Array) || fileBytes.length > MAX_EVENT_FILE_SIZE) throw malformed("event file too large");
  const d = new Decrypter();
  for (const i of Array.isArray(identity) ? identity : [identity]) d.addIdentity(i);
  let padded;
  try {
    padded = await d.decrypt(fileBytes);
  } catch (e) {
    throw new EventError("DECRYPT", "age: " + e.message);
  }
  let envelope;
  try {
    envelope = unpad(padded);
  } catch (e) {
    if (e instanceof PaddingError) throw malformed("padding " + e.kind);
    throw e;
  } finally {
    padded.fill(0);
  }
  parseEnvelope(envelope);
  return { hash: eventHash(fileBytes), envelope };
}

/**
 * Pads a signed envelope and encrypts it to `recipients` (age1… or age1pq1… strings, all of one
 * kind: age-encryption does not refuse a mix, so this does — §9.2).
 */
export async function sealEnvelope(envelopeBytes, recipients) {
  if (recipients.length === 0) throw new Error("no recipients");
  const hybrid = recipients.map((r) => r.startsWith("age1pq1"));
  if (hybrid.some((h) => h !== hybrid[0])) throw new Error("a file must not mix hybrid and classic recipients");
  const e = new Encrypter();
  for (const r of new Set(recipients)) e.addRecipient(r);
  return e.encrypt(pad(envelopeBytes));
}
