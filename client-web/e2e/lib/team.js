// A test case team: the root key matching the pinned TEST key in src/deployment.js, one member
// with an age identity and a reply-signing key, a signed team bundle, and replies made the way the
// desk would (until the Java desk can make them for the end-to-end test with the real server).
import { sha256 } from "@noble/hashes/sha2.js";
import { ed25519 } from "@noble/curves/ed25519.js";
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from "age-encryption";
import { DEPLOYMENT } from "../../src/deployment.js";
import * as C from "../../src/standin/crypto.js";

const enc = new TextEncoder();
export const ROOT_SEED = sha256(enc.encode("klachtenbalie test root key - NEVER a real deployment"));
const b64 = (b) => Buffer.from(b).toString("base64");
const u32 = (n) => Uint8Array.of(n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
const concat = (...p) => Uint8Array.from(Buffer.concat(p.map((x) => Buffer.from(x))));

export async function makeTeam() {
  if (C.hex(ed25519.getPublicKey(ROOT_SEED)) !== DEPLOYMENT.rootKey) throw new Error("test root key does not match the pinned key");
  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  const signingKey = crypto.getRandomValues(new Uint8Array(32));
  const member = { id: "m1", recipient, signingKey: C.hex(ed25519.getPublicKey(signingKey)), status: "active", since: "2025-01-01" };

  function bundle({ version = 1, expiresInDays = 60, rootSeed = ROOT_SEED, mutate } = {}) {
    const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
    const payload = {
      format: "klachtenbalie-team-bundle/v1", deployment: DEPLOYMENT.id, version, issued: day(-1), expires: day(expiresInDays),
      rootKey: DEPLOYMENT.rootKey, argon2: { ...DEPLOYMENT.argon2 }, recipients: [recipient], members: [member], assets: {},
    };
    mutate?.(payload);
    const bytes = enc.encode(JSON.stringify(payload));
    const sig = C.sign("bundle", DEPLOYMENT.id, [bytes], rootSeed);
    return JSON.stringify({ payload: b64(bytes), signature: b64(sig) });
  }

  /** Decrypts an event as the desk would; returns { header, payload }. */
  async function open(ciphertext) {
    const d = new Decrypter();
    d.addIdentity(identity);
    const m = C.unpad(await d.decrypt(ciphertext));
    const n = Buffer.from(m).readUInt32BE(64);
    const header = JSON.parse(Buffer.from(m.subarray(68, 68 + n)).toString("utf8"));
    return { header, payload: m.subarray(68 + n), signature: m.subarray(0, 64), headerBytes: m.subarray(68, 68 + n) };
  }

  /** A signed, encrypted reply for a mailbox, to the reporter's reply recipient (and the team). */
  async function reply({ mailbox, replyTo, seq, prev, text, bundleVersion = 1, keyId = "m1", key = signingKey }) {
    const header = enc.encode(JSON.stringify({ v: 1, kind: "reply", mailbox, seq, prev, bundleVersion, keyId, body: { text } }));
    const payload = new Uint8Array(0);
    const sig = C.sign("reply", DEPLOYMENT.id, [header, payload], key);
    const e = new Encrypter();
    e.addRecipient(replyTo);
    e.addRecipient(recipient);
    return e.encrypt(C.pad(concat(sig, u32(header.length), header, payload)));
  }

  return { identity, recipient, member, bundle, open, reply };
}
