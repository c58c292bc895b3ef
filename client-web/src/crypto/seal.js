// Sealing and opening §7 events with age (age-encryption): padded (§5), encrypted to recipients of
// one kind (§9.2), and on the way back decrypted, unpadded and shape-checked — not yet verified.
import { Decrypter, Encrypter } from "age-encryption";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "./bytes.js";
import { pad, unpad, PaddingError } from "./pad.js";
import { EventError, malformed } from "./fields.js";
import { MAX_EVENT_FILE_SIZE, parseEnvelope } from "./envelope.js";

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
  const padded = pad(envelopeBytes);
  try {
    return await e.encrypt(padded);
  } finally {
    padded.fill(0);
  }
}
