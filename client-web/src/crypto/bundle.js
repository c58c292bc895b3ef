// Protocol §6: verify a team bundle against the pins compiled into this page. The twin of Java's
// TeamBundleVerifier: same steps, same order, same error kinds, same payload rules.
import { sha256 } from "@noble/hashes/sha2.js";
import { x25519 } from "@noble/curves/ed25519.js";
import { bech32, base32nopad } from "@scure/base";
import { asciiBytes, base64Canonical, bytesToHex, concatBytes, constantTimeEqual, hexToBytesStrict } from "./bytes.js";
import { parseStrictJson } from "./json.js";
import { CONTEXTS, isValidPublicKey, verifySigned } from "./signed.js";

export const MAX_FILE_SIZE = 512 * 1024;
export const FORMAT = "klachtenbalie-team-bundle/v1";

/** kind: MALFORMED | SIGNATURE | WRONG_DEPLOYMENT | DOWNGRADE | EXPIRED */
export class BundleError extends Error {
  constructor(kind, message) {
    super(kind + ": " + message);
    this.name = "BundleError";
    this.kind = kind;
  }
}

const malformed = (m) => new BundleError("MALFORMED", m);

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
function dayNumber(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** A strict YYYY-MM-DD calendar date (year 1..9999) as a day number; throws otherwise. */
export function parseDate(s) {
  const m = typeof s === "string" && /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s);
  if (!m) throw malformed("date must be YYYY-MM-DD");
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dim = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > dim) throw malformed("not a calendar date");
  return dayNumber(y, mo, d);
}

function todayNumber(today) {
  if (typeof today === "string") return parseDate(today);
  if (today instanceof Date) return dayNumber(today.getFullYear(), today.getMonth() + 1, today.getDate());
  throw new TypeError("today must be a YYYY-MM-DD string or a Date");
}

/** The canonical spelling of an age X25519 recipient. */
export function isAgeRecipient(s) {
  if (typeof s !== "string" || s.length !== 62 || !s.startsWith("age1")) return false;
  try {
    const { prefix, words } = bech32.decode(s, false);
    const bytes = bech32.fromWords(words);
    return prefix === "age" && bytes.length === 32 && bech32.encode("age", words, false) === s;
  } catch {
    return false;
  }
}

const HYBRID_KEY_BYTES = 1216; // ML-KEM-768 encapsulation key (1184) ‖ X25519 public key (32)

/**
 * The canonical spelling of a hybrid post-quantum age recipient (mlkem768x25519, protocol §9.1):
 * lower-case bech32 without length limit, hrp "age1pq", 1216 bytes whose ML-KEM-768 part passes
 * FIPS 203's modulus check and whose X25519 part is not a low-order point — the checks the Java
 * HybridRecipient.parse makes, so both verifiers refuse the same bundles.
 */
export function isHybridAgeRecipient(s) {
  if (typeof s !== "string" || s.length > 4096 || !s.startsWith("age1pq1")) return false;
  try {
    const { prefix, words } = bech32.decode(s, false);
    const bytes = bech32.fromWords(words);
    if (prefix !== "age1pq" || bytes.length !== HYBRID_KEY_BYTES || bech32.encode("age1pq", words, false) !== s) {
      return false;
    }
    for (let i = 0; i < 1152; i += 3) {
      const c0 = bytes[i] | ((bytes[i + 1] & 0x0f) << 8);
      const c1 = (bytes[i + 1] >>> 4) | (bytes[i + 2] << 4);
      if (c0 >= 3329 || c1 >= 3329) return false;
    }
    const probe = new Uint8Array(32);
    probe[0] = 1;
    const shared = x25519.getSharedSecret(probe, bytes.subarray(1184));
    return shared.some((b) => b !== 0);
  } catch {
    return false;
  }
}

/** Either kind of recipient, canonical. */
export function isAnyAgeRecipient(s) {
  return isAgeRecipient(s) || isHybridAgeRecipient(s);
}

function exactKeys(v, keys) {
  if (!(v instanceof Map)) throw malformed("expected an object");
  if (v.size !== keys.length || !keys.every((k) => v.has(k))) throw malformed("missing or unknown fields");
  return v;
}

function str(v) {
  if (typeof v !== "string") throw malformed("expected a string");
  return v;
}

function smallInt(v) {
  if (!Number.isSafeInteger(v) || v < 0 || v > 0x7fffffff) throw malformed("expected a small integer");
  return v;
}

function key(hex) {
  const bytes = hexToBytesOr(hex, 32);
  if (!isValidPublicKey(bytes)) throw malformed("not a valid Ed25519 public key");
  return bytes;
}

function hexToBytesOr(hex, n) {
  try {
    return hexToBytesStrict(str(hex), n);
  } catch {
    throw malformed("bad hex");
  }
}

function checkArgon2(m, t, p) {
  if (p < 1 || p > 16 || t < 1 || t > 16 || m < 8 * p || m > 1 << 21) throw malformed("Argon2 parameters out of range");
}

const TOP = ["format", "deployment", "version", "issued", "expires", "rootKey", "argon2", "recipients", "members", "assets"];
const PATH = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** Parses and checks payload bytes; returns a plain frozen object. Throws BundleError MALFORMED. */
export function parsePayload(bytes) {
  let top;
  try {
    top = exactKeys(parseStrictJson(bytes), TOP);
  } catch (e) {
    throw e instanceof BundleError ? e : malformed("payload: " + e.message);
  }
  if (top.get("format") !== FORMAT) throw malformed("unknown format");
  const deployment = str(top.get("deployment"));
  if (!/^[\x21-\x7e]{1,64}$/.test(deployment)) throw malformed("bad deployment id");
  const version = top.get("version");
  if (!Number.isSafeInteger(version) || version < 1) throw malformed("version must be 1..2^53-1");
  const issued = parseDate(top.get("issued"));
  const expires = parseDate(top.get("expires"));
  if (expires - issued < 60 || expires - issued > 90) throw malformed("expires must be 60..90 days after issued");
  const rootKey = key(top.get("rootKey"));
  const a = exactKeys(top.get("argon2"), ["salt", "m", "t", "p"]);
  if (!/^[0-9a-f]{32}$/.test(str(a.get("salt")))) throw malformed("bad salt");
  const argon2 = { salt: a.get("salt"), m: smallInt(a.get("m")), t: smallInt(a.get("t")), p: smallInt(a.get("p")) };
  checkArgon2(argon2.m, argon2.t, argon2.p);

  const rawRecipients = top.get("recipients");
  if (!Array.isArray(rawRecipients)) throw malformed("expected an array");
  const recipients = rawRecipients.map(str);
  const rawMembers = top.get("members");
  if (!Array.isArray(rawMembers)) throw malformed("expected an array");
  const members = rawMembers.map((o) => {
    const m = exactKeys(o, ["id", "recipient", "signingKey", "status", "since"]);
    const id = str(m.get("id"));
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) throw malformed("bad member id");
    const recipient = str(m.get("recipient"));
    if (!isAnyAgeRecipient(recipient)) throw malformed("member recipient is not a canonical age1… or age1pq1… recipient");
    const signingKey = bytesToHex(key(m.get("signingKey")));
    const status = str(m.get("status"));
    if (!["active", "retired", "compromised"].includes(status)) throw malformed("unknown member status");
    const since = str(m.get("since"));
    parseDate(since);
    return Object.freeze({ id, recipient, signingKey, status, since });
  });
  if (members.length < 1 || members.length > 64) throw malformed("1..64 members");
  for (const field of ["id", "signingKey", "recipient"]) {
    if (new Set(members.map((m) => m[field])).size !== members.length) throw malformed("duplicate member " + field);
  }
  // The flag day (§9.2): a bundle version is all-hybrid or all-classic, never mixed.
  const hybrid = recipients.length > 0 && recipients[0].startsWith("age1pq1");
  for (const r of recipients) {
    if (!(hybrid ? isHybridAgeRecipient(r) : isAgeRecipient(r))) {
      throw malformed("recipients must all be canonical age1… X25519 or all age1pq1… hybrid recipients");
    }
  }
  const listed = new Set(recipients);
  const active = new Set(members.filter((m) => m.status === "active").map((m) => m.recipient));
  if (listed.size !== recipients.length) throw malformed("duplicate recipient");
  if (listed.size === 0 || listed.size !== active.size || ![...listed].every((r) => active.has(r))) {
    throw malformed("recipients must be exactly the active members' recipients");
  }

  const rawAssets = top.get("assets");
  if (!(rawAssets instanceof Map)) throw malformed("expected an object");
  if (rawAssets.size > 1024) throw malformed("too many assets");
  const assets = {};
  for (const [path, hash] of [...rawAssets.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    if (!PATH.test(path) || path.length > 256 || path.split("/").some((s) => s === "." || s === "..")) {
      throw malformed("bad asset path");
    }
    if (!isSri(str(hash))) throw malformed("bad asset hash");
    assets[path] = hash;
  }
  return Object.freeze({
    format: FORMAT, deployment, version, issued: top.get("issued"), expires: top.get("expires"),
    rootKey: bytesToHex(rootKey), argon2: Object.freeze(argon2), recipients: Object.freeze(recipients), hybrid,
    members: Object.freeze(members), assets: Object.freeze(assets),
  });
}

function isSri(s) {
  if (s.length !== 51 || !s.startsWith("sha256-")) return false;
  try {
    return base64Canonical(s.slice(7)).length === 32;
  } catch {
    return false;
  }
}

/**
 * Verifies a bundle file (Uint8Array) against pins { deploymentId, rootKey: Uint8Array(32),
 * argon2: { salt: Uint8Array(16), m, t, p } } with { today, highestSeenVersion }. Returns the
 * verified payload or throws BundleError naming the failing step.
 */
export function verifyBundle(file, pins, { today, highestSeenVersion = 0 }) {
  const todayDay = todayNumber(today);
  if (!(file instanceof Uint8Array) || file.length > MAX_FILE_SIZE) throw malformed("file missing or larger than 512 KiB");
  let payloadBytes;
  let signature;
  try {
    const f = exactKeys(parseStrictJson(file), ["payload", "signature"]);
    payloadBytes = base64Canonical(str(f.get("payload")));
    signature = base64Canonical(str(f.get("signature")));
  } catch (e) {
    throw e instanceof BundleError ? e : malformed("file: " + e.message);
  }
  if (signature.length !== 64) throw malformed("signature must be 64 bytes");
  if (!verifySigned(pins.rootKey, CONTEXTS.BUNDLE, pins.deploymentId, signature, payloadBytes)) {
    throw new BundleError("SIGNATURE", "not signed by the pinned root key");
  }
  const payload = parsePayload(payloadBytes);
  if (payload.deployment !== pins.deploymentId || payload.rootKey !== bytesToHex(pins.rootKey)
      || !constantTimeEqual(hexToBytesStrict(payload.argon2.salt), pins.argon2.salt)
      || payload.argon2.m !== pins.argon2.m || payload.argon2.t !== pins.argon2.t || payload.argon2.p !== pins.argon2.p) {
    throw new BundleError("WRONG_DEPLOYMENT", "does not match the pinned deployment");
  }
  if (payload.version < highestSeenVersion) throw new BundleError("DOWNGRADE", "older than a bundle already seen");
  if (parseDate(payload.expires) < todayDay - 1) throw new BundleError("EXPIRED", "expired");
  return payload;
}

/** The team fingerprint printed on flyers: 8 groups of 4 lower-case base32 characters. */
export function teamFingerprint(rootKey) {
  const h = sha256(concatBytes(asciiBytes("klachtenbalie/v1/root-fingerprint"), rootKey)).subarray(0, 20);
  return base32nopad.encode(h).toLowerCase().match(/.{4}/g).join("-");
}
