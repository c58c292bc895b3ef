// Protocol §7's field rules, the twin of Java's nl.klachtenbalie.crypto.event.Fields, and the one error
// type of event parsing (its kinds are Java's). Shared by envelope.js (reporter messages) and
// reply.js (replies); every failure is an EventError, never a TypeError from a bad shape.
import { hexToBytesStrict } from "./bytes.js";
import { parseStrictJson } from "./json.js";
import { isValidPublicKey } from "./signed.js";
import { parseDate } from "./bundle.js";

/** kind: MALFORMED | DECRYPT | SIGNATURE | SIGNER | WRONG_MAILBOX | KEY_MISMATCH */
export class EventError extends Error {
  constructor(kind, message) {
    super(kind + ": " + message);
    this.name = "EventError";
    this.kind = kind;
  }
}

export const malformed = (m) => new EventError("MALFORMED", m);

export function exactKeys(v, required, optional = []) {
  if (!(v instanceof Map)) throw malformed("expected an object");
  for (const k of required) if (!v.has(k)) throw malformed("missing field");
  for (const k of v.keys()) if (!required.includes(k) && !optional.includes(k)) throw malformed("unknown field");
  return v;
}

export function str(v) {
  if (typeof v !== "string") throw malformed("expected a string");
  return v;
}

export function int(v, min = 1, max = Number.MAX_SAFE_INTEGER) {
  if (!Number.isSafeInteger(v) || v < min || v > max) throw malformed("integer out of range");
  return v;
}

export function json(bytes) {
  try {
    return parseStrictJson(bytes);
  } catch (e) {
    throw malformed("json: " + e.message);
  }
}

export const MAILBOX = /^[0-9a-f]{32}$/;
export const HASH = /^[0-9a-f]{64}$/;
export const MEMBER_ID = /^[A-Za-z0-9._-]{1,64}$/;
const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

export function match(re, s, what) {
  if (typeof s !== "string" || !re.test(s)) throw malformed(what);
  return s;
}

export const lang = (s, f) => {
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

export function date(s, field) {
  try {
    return parseDate(s);
  } catch {
    throw malformed(field + " must be a YYYY-MM-DD calendar date");
  }
}

export function month(s) {
  const m = typeof s === "string" && /^([0-9]{4})-([0-9]{2})$/.exec(s);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1 || Number(m[2]) > 12) throw malformed("form.month must be YYYY-MM");
  return s;
}

export function mailboxKeyHex(s) {
  let bytes;
  try {
    bytes = hexToBytesStrict(str(s), 32);
  } catch {
    throw malformed("mailboxKey must be 64 lower-case hex characters");
  }
  if (!isValidPublicKey(bytes)) throw malformed("mailboxKey is not a valid Ed25519 public key");
  return s;
}
