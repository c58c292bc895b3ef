// A test case team: the root key matching the pinned TEST key in src/deployment.js, one member
// with an age identity and a reply-signing key, a signed team bundle (protocol §6), and replies made
// the way the desk would (§7.3) — until the Java desk makes them in the end-to-end test.
import { sha256 } from "@noble/hashes/sha2.js";
import { Decrypter, Encrypter, generateHybridIdentity, generateX25519Identity, identityToRecipient } from "age-encryption";
import { DEPLOYMENT } from "../../src/deployment.js";
import { bytesToHex } from "../../src/crypto/bytes.js";
import { pad, unpad } from "../../src/crypto/pad.js";
import { CONTEXTS, publicKeyFromSeed, signSigned } from "../../src/crypto/signed.js";

const enc = new TextEncoder();
export const ROOT_SEED = sha256(enc.encode("klachtenbalie test root key - NEVER a real deployment"));
const b64 = (b) => Buffer.from(b).toString("base64");
const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
const envelope = (payloadBytes, sig) => enc.encode(JSON.stringify({ payload: b64(payloadBytes), signature: b64(sig) }));

// The member also holds a hybrid post-quantum identity (protocol §9), as after the flag day
// (`keys team sign-bundle --switch-to-hybrid`): `bundle({ hybrid: true })` lists only it, the classic
// one is kept for decryption, and a reply is encrypted to the team key of the reporter's kind.
export async function makeTeam() {
  if (bytesToHex(publicKeyFromSeed(ROOT_SEED)) !== DEPLOYMENT.rootKey) throw new Error("test root key does not match the pinned key");
  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  const hybridIdentity = await generateHybridIdentity();
  const hybridRecipient = await identityToRecipient(hybridIdentity);
  const signingKey = crypto.getRandomValues(new Uint8Array(32));
  const member = { id: "m1", recipient, signingKey: bytesToHex(publicKeyFromSeed(signingKey)), status: "active", since: "2025-01-01" };

  function bundle({ version = 1, expiresInDays = 60, rootSeed = ROOT_SEED, mutate, hybrid = false } = {}) {
    const r = hybrid ? hybridRecipient : recipient;
    const payload = {
      format: "klachtenbalie-team-bundle/v1", deployment: DEPLOYMENT.id, version, issued: day(expiresInDays - 60), expires: day(expiresInDays),
      rootKey: DEPLOYMENT.rootKey, argon2: { ...DEPLOYMENT.argon2 }, recipients: [r], members: [{ ...member, recipient: r }], assets: {},
    };
    mutate?.(payload);
    const bytes = enc.encode(JSON.stringify(payload));
    return JSON.stringify({ payload: b64(bytes), signature: b64(signSigned(rootSeed, CONTEXTS.BUNDLE, DEPLOYMENT.id, bytes)) });
  }

  async function decrypt(blob) {
    const d = new Decrypter();
    d.addIdentity(identity);
    d.addIdentity(hybridIdentity);
    return unpad(await d.decrypt(blob));
  }

  /** Opens a report or message as the desk would; returns { payload, payloadBytes, signature }. */
  async function open(blob) {
    const env = JSON.parse(Buffer.from(await decrypt(blob)).toString("utf8"));
    const payloadBytes = new Uint8Array(Buffer.from(env.payload, "base64"));
    return { payload: JSON.parse(Buffer.from(payloadBytes).toString("utf8")), payloadBytes, signature: new Uint8Array(Buffer.from(env.signature, "base64")) };
  }

  /** A signed, encrypted reply (§7.3) to the reporter's reply recipient and the team. */
  async function reply({ mailbox, replyRecipient, replySeq, lastReporterEvent, text, bundleVersion = 1, signer = "m1", key = signingKey, replyDay = day(0) }) {
    const payloadBytes = enc.encode(JSON.stringify({
      format: "klachtenbalie-reply/v1", mailbox, replySeq, lastReporterEvent, bundleVersion, signer, day: replyDay, lang: "nl", text,
    }));
    const e = new Encrypter();
    e.addRecipient(replyRecipient);
    e.addRecipient(replyRecipient.startsWith("age1pq1") ? hybridRecipient : recipient); // never mixed (§9.2)
    return e.encrypt(pad(envelope(payloadBytes, signSigned(key, CONTEXTS.REPLY, DEPLOYMENT.id, payloadBytes))));
  }

  return { identity, recipient, hybridIdentity, hybridRecipient, member, bundle, decrypt, open, reply };
}
