// STAND-IN for client-web/src/crypto/* (branch `receipt`), so the interface can be built and tested
// before the real protocol modules land. It follows docs/protocol.md §2–6 closely, but it is NOT the
// reviewed implementation and is not checked against the shared vectors. `protocol.js` is the only
// importer; when src/crypto/ lands, repoint its imports there and delete this folder
// (test/ui-wiring.test.js fails while both exist).
import { argon2idAsync } from "@noble/hashes/argon2.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { ed25519, x25519 } from "@noble/curves/ed25519.js";
import { bech32 } from "@scure/base";
import { identityToRecipient } from "age-encryption";
import { argon2id } from "hash-wasm";

export const STANDIN = true;

const enc = new TextEncoder();
const ascii = (s) => enc.encode(s);
const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const unhex = (s) => {
  if (!/^([0-9a-f]{2})*$/.test(s)) throw new Error("bad hex");
  return Uint8Array.from(s.match(/../g) ?? [], (x) => parseInt(x, 16));
};
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
};

// ---- receipt.js (protocol §2) -------------------------------------------------------------------
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2], [7, 0, 9, 2, 1, 5, 4, 8, 6, 3], [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6], [6, 1, 2, 3, 0, 4, 5, 9, 7, 8], [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4], [8, 9, 4, 5, 3, 6, 2, 0, 1, 7], [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];
const damm = (digits) => [...digits].reduce((i, d) => DAMM[i][+d], 0);
const hashCheck = (body) => {
  const h = sha256(concat(ascii("klachtenbalie/v1/receipt-check"), ascii(body)));
  return String(((h[0] << 8) | h[1]) % 100).padStart(2, "0");
};

export function generateReceipt() {
  let r = "";
  while (r.length < 20) {
    for (const b of crypto.getRandomValues(new Uint8Array(32))) if (b < 250 && r.length < 20) r += b % 10;
  }
  const body = "1" + r;
  return body + damm(body) + hashCheck(body);
}

export function formatReceipt(code) {
  return code.match(/.{4}/g).join(" ");
}

export class ReceiptError extends Error {
  constructor(kind) { super(`receipt: ${kind}`); this.kind = kind; } // "not-a-code" | "check"
}

const SEPARATORS = /[\s\u00a0\u2007\u202f\-\u2010\u2011\u2012\u2013\u2014._/]/gu;
function digitValue(ch) {
  let cp = ch.codePointAt(0);
  let start = cp;
  while (/\p{Nd}/u.test(String.fromCodePoint(start - 1)) && cp - start < 9) start--;
  return (cp - start) % 10;
}

export function parseReceipt(input) {
  let s = "";
  for (const ch of String(input).replace(SEPARATORS, "")) {
    if (/\p{Nd}/u.test(ch)) s += digitValue(ch);
    else throw new ReceiptError("not-a-code");
  }
  if (s.length !== 24) throw new ReceiptError(s.length === 0 ? "not-a-code" : "check");
  if (s[0] !== "1") throw new ReceiptError("check");
  const body = s.slice(0, 21);
  if (damm(body + s[21]) !== 0 || String(damm(body)) !== s[21] || hashCheck(body) !== s.slice(22)) throw new ReceiptError("check");
  return s;
}

// ---- derive.js (protocol §3) --------------------------------------------------------------------
/**
 * @returns {Promise<{mailboxId: Uint8Array, signingKey: Uint8Array, publicKey: Uint8Array,
 *   replyIdentity: string, replyRecipient: string, wasm: boolean}>}
 */
export async function deriveReporterKeys(code, params, { deploymentId, onProgress } = {}) {
  const salt = unhex(params.salt);
  let seed, wasm = false;
  if (typeof WebAssembly === "object") {
    try {
      seed = await argon2id({ password: code, salt, iterations: params.t, parallelism: params.p, memorySize: params.m, hashLength: 32, outputType: "binary" });
      wasm = true;
    } catch { seed = undefined; }
  }
  if (!seed) {
    seed = await argon2idAsync(ascii(code), salt, { t: params.t, m: params.m, p: params.p, dkLen: 32, asyncTick: 20, onProgress });
  }
  const out = (label, n) => hkdf(sha256, seed, ascii(deploymentId), ascii(label), n);
  const mailboxId = out("klachtenbalie/v1/mailbox-id", 16);
  const signingKey = out("klachtenbalie/v1/mailbox-signing-key", 32);
  const scalar = out("klachtenbalie/v1/reply-identity", 32);
  const replyIdentity = bech32.encode("AGE-SECRET-KEY-", bech32.toWords(scalar), false).toUpperCase();
  const replyRecipient = await identityToRecipient(replyIdentity);
  seed.fill(0);
  scalar.fill(0);
  return { mailboxId, signingKey, publicKey: ed25519.getPublicKey(signingKey), replyIdentity, replyRecipient, wasm };
}

// ---- signed.js (protocol §4) --------------------------------------------------------------------
export function signedBytes(context, deploymentId, parts) {
  const ctx = ascii("klachtenbalie/v1/" + context);
  const dep = enc.encode(deploymentId);
  const chunks = [ctx, Uint8Array.of(0, dep.length >> 8, dep.length & 0xff), dep];
  for (const p of parts) {
    const n = p.length;
    chunks.push(Uint8Array.of(n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff), p);
  }
  return concat(...chunks);
}
export const sign = (context, deploymentId, parts, secretKey) => ed25519.sign(signedBytes(context, deploymentId, parts), secretKey);
export function verify(context, deploymentId, parts, signature, publicKey) {
  try {
    return ed25519.verify(signature, signedBytes(context, deploymentId, parts), publicKey, { zip215: false });
  } catch { return false; }
}

// ---- pad.js (protocol §5) -----------------------------------------------------------------------
export const BUCKETS = [2048, 8192, 32768, 131072, 524288, 2097152, 8388608];
export function pad(content) {
  const total = BUCKETS.find((b) => b >= 4 + content.length);
  if (!total) throw new Error("pad: content too large");
  const out = new Uint8Array(total);
  const n = content.length;
  out.set([n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
  out.set(content, 4);
  return out;
}
export function unpad(padded) {
  if (!BUCKETS.includes(padded.length)) throw new Error("unpad: not a bucket size");
  const n = ((padded[0] << 24) >>> 0) + ((padded[1] << 16) | (padded[2] << 8) | padded[3]);
  if (4 + n > padded.length) throw new Error("unpad: bad length");
  for (let i = 4 + n; i < padded.length; i++) if (padded[i] !== 0) throw new Error("unpad: non-zero padding");
  return padded.slice(4, 4 + n);
}

// ---- bundle.js (protocol §6) --------------------------------------------------------------------
export class BundleError extends Error {
  constructor(step, detail) { super(`bundle ${step}: ${detail ?? ""}`); this.step = step; }
}
const b64dec = (s) => {
  if (typeof s !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4) throw new BundleError("malformed", "base64");
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
};
const PAYLOAD_FIELDS = ["format", "deployment", "version", "issued", "expires", "rootKey", "argon2", "recipients", "members", "assets"];

/** @param {string} text the served /team-bundle.json */
export function verifyBundle(text, { deploymentId, rootKey, argon2, seenVersion = 0, today = new Date() }) {
  let outer;
  try { outer = JSON.parse(text); } catch { throw new BundleError("malformed", "json"); }
  if (!outer || typeof outer !== "object" || Object.keys(outer).sort().join() !== "payload,signature") throw new BundleError("malformed", "outer");
  const payload = b64dec(outer.payload);
  const sig = b64dec(outer.signature);
  if (sig.length !== 64 || !verify("bundle", deploymentId, [payload], sig, unhex(rootKey))) throw new BundleError("signature");
  let p;
  try { p = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload)); } catch { throw new BundleError("malformed", "payload"); }
  if (Object.keys(p).some((k) => !PAYLOAD_FIELDS.includes(k))) throw new BundleError("malformed", "unknown field");
  if (p.format !== "klachtenbalie-team-bundle/v1") throw new BundleError("malformed", "format");
  if (p.deployment !== deploymentId) throw new BundleError("deployment");
  if (p.rootKey !== rootKey) throw new BundleError("deployment", "root key");
  const a = p.argon2 ?? {};
  if (a.salt !== argon2.salt || a.m !== argon2.m || a.t !== argon2.t || a.p !== argon2.p) throw new BundleError("deployment", "argon2");
  if (!Number.isInteger(p.version) || p.version < 1) throw new BundleError("malformed", "version");
  if (p.version < seenVersion) throw new BundleError("downgrade");
  const graceDay = new Date(today.getTime() - 86400000).toISOString().slice(0, 10);
  if (typeof p.expires !== "string" || p.expires < graceDay) throw new BundleError("expired");
  if (!Array.isArray(p.recipients) || p.recipients.length === 0 || !p.recipients.every((r) => typeof r === "string" && /^age1[02-9ac-hj-np-z]+$/.test(r))) throw new BundleError("malformed", "recipients");
  if (!Array.isArray(p.members)) throw new BundleError("malformed", "members");
  return p;
}

export function teamFingerprint(rootKeyHex) {
  const d = sha256(concat(ascii("klachtenbalie/v1/root-fingerprint"), unhex(rootKeyHex))).slice(0, 20);
  const A = "abcdefghijklmnopqrstuvwxyz234567";
  let bits = 0, val = 0, s = "";
  for (const x of d) {
    val = (val << 8) | x; bits += 8;
    while (bits >= 5) { s += A[(val >>> (bits - 5)) & 31]; bits -= 5; }
  }
  return s.match(/.{4}/g).join("-");
}

export { hex, unhex };
