// Protocol §4: domain-separated, strictly verified Ed25519 signatures.
//
// "Strict" is defined in protocol.md §4 and must match the Java library exactly: S < L, canonical
// encodings, and both A and R in the prime-order subgroup. noble alone checks the cofactored
// equation and rejects small-order A; adding the torsion checks on A and R makes cofactored and
// cofactorless agree, so Java and the browser accept exactly the same signatures.
import { ed25519 } from "@noble/curves/ed25519.js";
import { asciiBytes, concatBytes, u16be, u32be, utf8ToBytes } from "./bytes.js";

export const CONTEXTS = Object.freeze({
  BUNDLE: "bundle",
  REPLY: "reply",
  REPORTER_MSG: "reporter-msg",
  REQUEST: "request",
  INTERNAL: "internal",
  OUTBOX: "outbox",
});

const KNOWN = new Set(Object.values(CONTEXTS));
const MAX_ENCODED = 64 * 1024 * 1024;

/** The exact bytes a signature covers: context ‖ 0x00 ‖ u16 deployment ‖ (u32 part)*. */
export function encodeSigned(context, deploymentId, ...parts) {
  if (!KNOWN.has(context)) throw new Error("unknown signature context");
  if (typeof deploymentId !== "string") throw new Error("deployment id must be a string");
  const dep = utf8ToBytes(deploymentId);
  if (dep.length === 0 || dep.length > 0xffff) throw new Error("deployment id must be 1..65535 UTF-8 bytes");
  const chunks = [asciiBytes("klachtenbalie/v1/" + context), Uint8Array.of(0), u16be(dep.length), dep];
  let total = chunks.reduce((n, c) => n + c.length, 0);
  for (const part of parts) {
    if (!(part instanceof Uint8Array)) throw new Error("parts must be Uint8Array");
    chunks.push(u32be(part.length), part);
    total += 4 + part.length;
  }
  if (total > MAX_ENCODED) throw new Error("signed message too large");
  return concatBytes(...chunks);
}

function primeOrderPoint(bytes) {
  const p = ed25519.Point.fromBytes(bytes, false); // throws on non-canonical encodings
  return !p.isSmallOrder() && p.isTorsionFree();
}

/** True if `publicKey` is 32 bytes encoding a prime-order point (what Java's fromBytes accepts). */
export function isValidPublicKey(publicKey) {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) return false;
  try {
    return primeOrderPoint(publicKey);
  } catch {
    return false;
  }
}

/** Strict raw verification; false for any malformed input, never throws. */
export function verifyRaw(publicKey, signature, message) {
  if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
  if (!(message instanceof Uint8Array) || !isValidPublicKey(publicKey)) return false;
  try {
    if (!primeOrderPoint(signature.subarray(0, 32))) return false;
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** Verifies a signature over encodeSigned(context, deploymentId, ...parts); never throws. */
export function verifySigned(publicKey, context, deploymentId, signature, ...parts) {
  let message;
  try {
    message = encodeSigned(context, deploymentId, ...parts);
  } catch {
    return false;
  }
  return verifyRaw(publicKey, signature, message);
}

/** The public key of a 32-byte RFC 8032 seed. */
export function publicKeyFromSeed(seed) {
  return ed25519.getPublicKey(seed);
}

/** Signs encodeSigned(context, deploymentId, ...parts) with a 32-byte seed (deterministic). */
export function signSigned(seed, context, deploymentId, ...parts) {
  return ed25519.sign(encodeSigned(context, deploymentId, ...parts), seed);
}
