// Protocol §3: receipt code → reporter keys. Argon2id (WASM via hash-wasm, or pure JS from
// @noble/hashes where WebAssembly is disabled, e.g. Tor Browser "Safer") then HKDF-SHA256.
import { argon2id as wasmArgon2id } from "hash-wasm";
import { argon2idAsync } from "@noble/hashes/argon2.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { x25519 } from "@noble/curves/ed25519.js";
import { bech32 } from "@scure/base";
import { identityToRecipient } from "age-encryption";
import { asciiBytes, bytesToHex } from "./bytes.js";
import { publicKeyFromSeed } from "./signed.js";

export const ARGON2_V1 = Object.freeze({ m: 19456, t: 2, p: 1 });
export const SALT_LENGTH = 16;
const DEPLOYMENT_ID = /^[\x21-\x7e]{1,64}$/;

/** Argon2 parameters of a receipt scheme version. */
export function argon2ParamsForVersion(version) {
  if (version === 1) return ARGON2_V1;
  throw new Error("unknown receipt scheme version");
}

export function hasWebAssembly() {
  return typeof WebAssembly === "object" && typeof WebAssembly.instantiate === "function";
}

/**
 * Argon2id v0x13, 32-byte output. mode: "auto" (WASM if available, else JS), "wasm" or "js".
 * onProgress (0..1) is reported by the pure-JS path only, which can take tens of seconds.
 */
export async function argon2id32(password, salt, params, { mode = "auto", onProgress } = {}) {
  const useWasm = mode === "wasm" || (mode === "auto" && hasWebAssembly());
  if (useWasm) {
    try {
      return await wasmArgon2id({
        password, salt, iterations: params.t, parallelism: params.p, memorySize: params.m,
        hashLength: 32, outputType: "binary",
      });
    } catch (e) {
      if (mode === "wasm") throw e;
      // WebAssembly present but refused (CSP, disabled JIT): fall through to pure JS.
    }
  }
  return argon2idAsync(password, salt, { t: params.t, m: params.m, p: params.p, dkLen: 32, onProgress });
}

/** out(label, n) = HKDF-SHA256(seed, salt = ascii(deploymentId), info = ascii(label), n). */
export function out(seed, deploymentId, label, length) {
  return hkdf(sha256, seed, asciiBytes(deploymentId), asciiBytes(label), length);
}

/** The age X25519 recipient (age1…) of a raw 32-byte scalar. */
export function ageRecipient(scalar) {
  return bech32.encode("age", bech32.toWords(x25519.getPublicKey(scalar)), false);
}

/** The age identity string of a raw scalar: age keeps the unclamped scalar, upper case. */
export function ageIdentity(scalar) {
  return bech32.encode("age-secret-key-", bech32.toWords(scalar), false).toUpperCase();
}

/** The hybrid post-quantum age identity (AGE-SECRET-KEY-PQ-1…) of a 32-byte seed, upper case. */
export function ageHybridIdentity(seed) {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) throw new Error("hybrid identity seed must be 32 bytes");
  return bech32.encode("age-secret-key-pq-", bech32.toWords(seed), false).toUpperCase();
}

/** The hybrid recipient (age1pq1…) of a hybrid identity string, computed by age-encryption (ML-KEM-768 + X25519). */
export function ageHybridRecipient(identity) {
  return identityToRecipient(identity);
}

/** The HKDF half of the derivation, from the Argon2id seed. */
export function reporterKeysFromSeed(seed, deploymentId) {
  if (!DEPLOYMENT_ID.test(deploymentId)) throw new Error("deployment id must be 1..64 printable ASCII characters");
  const mailboxId = out(seed, deploymentId, "klachtenbalie/v1/mailbox-id", 16);
  const signingSeed = out(seed, deploymentId, "klachtenbalie/v1/mailbox-signing-key", 32);
  const replyIdentitySecret = out(seed, deploymentId, "klachtenbalie/v1/reply-identity", 32);
  const replyHybridSeed = out(seed, deploymentId, "klachtenbalie/v1/reply-identity-pq", 32);
  return {
    mailboxId,
    mailboxIdHex: bytesToHex(mailboxId),
    signingSeed, // secret: the mailbox signing key
    signingPublicKey: publicKeyFromSeed(signingSeed),
    replyIdentitySecret, // secret: reads every reply
    replyRecipient: ageRecipient(replyIdentitySecret),
    replyIdentity: ageIdentity(replyIdentitySecret), // secret
    // Hybrid post-quantum reply identity (protocol §3, §9); its recipient costs an ML-KEM key
    // generation, so it is computed on demand: await ageHybridRecipient(replyHybridIdentity).
    replyHybridSeed, // secret
    replyHybridIdentity: ageHybridIdentity(replyHybridSeed), // secret
  };
}

/**
 * Derives the reporter's keys from a parsed code ({ digits, version }), the pinned deployment id
 * and the pinned 16-byte salt.
 */
export async function deriveReporterKeys(code, deploymentId, salt, options = {}) {
  if (!(salt instanceof Uint8Array) || salt.length !== SALT_LENGTH) throw new Error("salt must be 16 bytes");
  if (!DEPLOYMENT_ID.test(deploymentId)) throw new Error("deployment id must be 1..64 printable ASCII characters");
  const seed = await argon2id32(asciiBytes(code.digits), salt, argon2ParamsForVersion(code.version), options);
  try {
    return reporterKeysFromSeed(seed, deploymentId);
  } finally {
    seed.fill(0);
  }
}
