// Checks the browser modules against the vector file that the Java library generates
// (crypto/.../vectors/VectorGenerator). Every case failure is collected, so one run shows all.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytesStrict, base64Canonical, utf8ToBytes } from "../src/crypto/bytes.js";
import { ND_ZEROS, SEPARATORS, generateReceiptCode, parseReceiptCode, ReceiptCodeError } from "../src/crypto/receipt.js";
import { deriveReporterKeys, reporterKeysFromSeed, argon2id32, ageHybridRecipient } from "../src/crypto/derive.js";
import { encodeSigned, signSigned, verifySigned, verifyRaw, publicKeyFromSeed } from "../src/crypto/signed.js";
import { pad, unpad, PaddingError } from "../src/crypto/pad.js";
import { verifyBundle, BundleError, teamFingerprint } from "../src/crypto/bundle.js";
import { Decrypter } from "age-encryption";
import { EventError, parseEnvelope, verifyReporterMessage, parseReporterMessage, buildReporterMessage } from "../src/crypto/envelope.js";
import { verifyReply } from "../src/crypto/reply.js";
import { eventHash, openEvent } from "../src/crypto/seal.js";

const V = JSON.parse(readFileSync(new URL("./vectors/klachtenbalie-vectors.json", import.meta.url), "utf8"));
const hex = (s) => hexToBytesStrict(s);

function collect(cases, check) {
  const failures = [];
  for (const c of cases) {
    try {
      const problem = check(c);
      if (problem) failures.push(`${c.name ?? JSON.stringify(c).slice(0, 40)}: ${problem}`);
    } catch (e) {
      failures.push(`${c.name}: threw ${e.message}`);
    }
  }
  assert.deepEqual(failures, []);
}

test("Nd zero table and separators equal Java's", () => {
  assert.deepEqual([...ND_ZEROS], V.ndZeros);
  assert.deepEqual([...SEPARATORS].sort((a, b) => a - b), V.separators);
});

test("receipt generation from fixed random bytes", () => {
  collect(V.receiptGenerate, (c) => {
    const stream = hex(c.randomHex);
    let pos = 0;
    const code = generateReceiptCode((buf) => {
      for (let i = 0; i < buf.length; i++) buf[i] = stream[pos++];
    });
    if (code.digits !== c.digits) return `digits ${code.digits}`;
    if (code.grouped !== c.grouped) return `grouped ${code.grouped}`;
  });
});

test("receipt parsing and normalisation", () => {
  assert.ok(V.receiptParse.length >= 25);
  collect(V.receiptParse, (c) => {
    let got;
    try {
      got = { digits: parseReceiptCode(c.input).digits, error: null };
    } catch (e) {
      if (!(e instanceof ReceiptCodeError)) throw e;
      got = { digits: null, error: e.reason };
    }
    if (got.digits !== c.digits || got.error !== c.error) return `got ${JSON.stringify(got)}`;
  });
});

function checkKeys(k, c) {
  const got = {
    mailboxId: k.mailboxIdHex, signingPublicKey: bytesToHex(k.signingPublicKey),
    replyIdentitySecretHex: bytesToHex(k.replyIdentitySecret), replyRecipient: k.replyRecipient,
    replyIdentity: k.replyIdentity, replyHybridIdentity: k.replyHybridIdentity,
  };
  for (const f of Object.keys(got)) if (got[f] !== c[f]) return `${f}: ${got[f]}`;
}

test("hybrid reply recipients (ML-KEM-768 + X25519) equal Java's", async () => {
  const failures = [];
  for (const c of V.derivation) {
    const r = await ageHybridRecipient(reporterKeysFromSeed(hex(c.seedHex), c.deploymentId).replyHybridIdentity);
    if (!c.replyHybridRecipient?.startsWith("age1pq1") || r !== c.replyHybridRecipient) failures.push(`${c.name}: ${r.slice(0, 24)}…`);
  }
  assert.deepEqual(failures, []);
});

test("reporter key derivation (WASM Argon2id)", async () => {
  const failures = [];
  for (const c of V.derivation) {
    const code = parseReceiptCode(c.code);
    const seed = await argon2id32(utf8ToBytes(c.code), hex(c.saltHex), c.argon2, { mode: "wasm" });
    if (bytesToHex(seed) !== c.seedHex) failures.push(`${c.name}: seed`);
    const problem = checkKeys(await deriveReporterKeys(code, c.deploymentId, hex(c.saltHex), { mode: "wasm" }), c)
      ?? checkKeys(reporterKeysFromSeed(hex(c.seedHex), c.deploymentId), c);
    if (problem) failures.push(`${c.name}: ${problem}`);
  }
  assert.deepEqual(failures, []);
});

test("reporter key derivation (pure-JS Argon2id fallback, one case)", async () => {
  const c = V.derivation[0];
  const keys = await deriveReporterKeys(parseReceiptCode(c.code), c.deploymentId, hex(c.saltHex), { mode: "js" });
  assert.equal(checkKeys(keys, c), undefined);
});

test("signed-message encodings and signatures", () => {
  collect(V.signed, (c) => {
    const parts = c.partsHex.map(hex);
    if (bytesToHex(encodeSigned(c.context, c.deploymentId, ...parts)) !== c.encodedHex) return "encoding";
    const seed = hex(c.seedHex);
    if (bytesToHex(publicKeyFromSeed(seed)) !== c.publicKey) return "public key";
    if (bytesToHex(signSigned(seed, c.context, c.deploymentId, ...parts)) !== c.signatureHex) return "signature";
    if (!verifySigned(hex(c.publicKey), c.context, c.deploymentId, hex(c.signatureHex), ...parts)) return "verify";
    const other = c.context === "bundle" ? "reply" : "bundle";
    if (verifySigned(hex(c.publicKey), other, c.deploymentId, hex(c.signatureHex), ...parts)) return "other context";
    if (verifySigned(hex(c.publicKey), c.context, c.deploymentId + "x", hex(c.signatureHex), ...parts)) return "other deployment";
  });
});

test("strict Ed25519 verdicts", () => {
  collect(V.ed25519, (c) => {
    // An odd-length hex string (speccheck 7) cannot even be decoded: it is not a signature.
    const ok = c.signatureHex.length % 2 === 0
      && verifyRaw(hex(c.publicKeyHex), hex(c.signatureHex), hex(c.messageHex));
    if (ok !== c.valid) return `got ${ok}`;
  });
});

const filler = (n) => {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (31 * i + 7) & 0xff;
  return b;
};

test("padding", () => {
  collect(V.pad, (c) => {
    let got;
    try {
      const p = pad(filler(c.contentLength));
      got = { paddedLength: p.length, paddedSha256: bytesToHex(sha256(p)), error: null };
    } catch (e) {
      if (!(e instanceof PaddingError)) throw e;
      got = { paddedLength: null, paddedSha256: null, error: e.kind };
    }
    for (const f of Object.keys(got)) if (got[f] !== c[f]) return `${f}: ${got[f]}`;
  });
  collect(V.unpad, (c) => {
    const padded = new Uint8Array(c.length);
    padded.set(hex(c.prefixHex));
    if (c.setByte) padded[c.setByte[0]] = c.setByte[1];
    let got;
    try {
      got = { contentHex: bytesToHex(unpad(padded)), error: null };
    } catch (e) {
      if (!(e instanceof PaddingError)) throw e;
      got = { contentHex: null, error: e.kind };
    }
    if (got.contentHex !== c.contentHex || got.error !== c.error) return JSON.stringify(got);
  });
});

function pins() {
  const p = V.bundlePins;
  return { deploymentId: p.deploymentId, rootKey: hex(p.rootKey),
    argon2: { salt: hex(p.argon2.saltHex), m: p.argon2.m, t: p.argon2.t, p: p.argon2.p } };
}

test("team bundles", () => {
  const kinds = new Set(V.bundles.map((c) => c.expected));
  for (const k of ["VALID", "MALFORMED", "SIGNATURE", "WRONG_DEPLOYMENT", "DOWNGRADE", "EXPIRED"]) assert.ok(kinds.has(k), k);
  collect(V.bundles, (c) => {
    let got;
    try {
      verifyBundle(base64Canonical(c.fileB64), pins(), { today: c.today, highestSeenVersion: c.highestSeenVersion });
      got = "VALID";
    } catch (e) {
      if (!(e instanceof BundleError)) throw e;
      got = e.kind;
    }
    if (got !== c.expected) return `got ${got}`;
  });
});

test("team fingerprints", () => {
  assert.equal(teamFingerprint(hex(V.bundlePins.rootKey)), V.bundlePins.fingerprint);
  collect(V.fingerprints, (c) => (teamFingerprint(hex(c.rootKey)) === c.fingerprint ? undefined : "mismatch"));
});

function eventBundle() {
  return verifyBundle(base64Canonical(V.eventBundle.fileB64), pins(), { today: V.eventBundle.today });
}

const pinOf = (p) => (p === null ? null : { mailbox: p.mailbox, mailboxKey: p.mailboxKey, replyRecipient: p.replyRecipient });

/** The verdict of an envelope as the browser judges it: "VALID" or an EventError kind. */
function verdict(context, envelope, mailbox, pin, bundle) {
  try {
    if (context === "reply") verifyReply(envelope, V.bundlePins.deploymentId, mailbox, bundle);
    else verifyReporterMessage(envelope, V.bundlePins.deploymentId, mailbox, pinOf(pin));
    return "VALID";
  } catch (e) {
    if (!(e instanceof EventError)) throw e;
    return e.kind;
  }
}

test("signed event envelopes (reporter messages and replies)", () => {
  const bundle = eventBundle();
  const kinds = new Set(V.events.map((c) => c.expected));
  for (const k of ["VALID", "MALFORMED", "SIGNATURE", "SIGNER", "WRONG_MAILBOX", "KEY_MISMATCH"]) assert.ok(kinds.has(k), k);
  collect(V.events, (c) => {
    const envelope = base64Canonical(c.envelopeB64);
    const got = verdict(c.context, envelope, c.mailbox, c.pin, bundle);
    if (got !== c.expected) return `got ${got}`;
    // A valid reporter message rebuilt from its parsed fields gives the signed bytes exactly:
    // the browser writes payloads byte for byte as Java does.
    if (got === "VALID" && c.context === "reporter-msg") {
      const payload = parseEnvelope(envelope).payload;
      if (bytesToHex(buildReporterMessage(parseReporterMessage(payload))) !== bytesToHex(payload)) return "rebuild";
    }
  });
});

test("age files: code → reply identity → age-encryption decrypt → unpad → verify", async () => {
  const bundle = eventBundle();
  assert.ok(V.ageDecrypt.length >= 5);
  const identities = new Map();
  const failures = [];
  for (const c of V.ageDecrypt) {
    const d = V.derivation[c.derivation];
    if (!identities.has(c.derivation)) {
      const keys = await deriveReporterKeys(parseReceiptCode(d.code), d.deploymentId, hex(d.saltHex), { mode: "wasm" });
      identities.set(c.derivation, keys);
    }
    const keys = identities.get(c.derivation);
    if (keys.replyIdentity !== c.replyIdentity) {
      failures.push(`${c.name}: identity`);
      continue;
    }
    const file = base64Canonical(c.fileB64);
    if (eventHash(file) !== c.hash) failures.push(`${c.name}: hash`);
    // Straight through the npm package, step by step …
    let got;
    let envelopeB64 = null;
    try {
      const dec = new Decrypter();
      dec.addIdentity(keys.replyIdentity);
      let padded;
      try {
        padded = await dec.decrypt(file);
      } catch {
        throw new EventError("DECRYPT", "age");
      }
      let envelope;
      try {
        envelope = unpad(padded);
      } catch (e) {
        if (!(e instanceof PaddingError)) throw e;
        throw new EventError("MALFORMED", "padding");
      }
      parseEnvelope(envelope);
      envelopeB64 = Buffer.from(envelope).toString("base64");
      got = verdict(c.context, envelope, c.mailbox, null, bundle);
    } catch (e) {
      if (!(e instanceof EventError)) throw e;
      got = e.kind;
    }
    if (got !== c.expected || envelopeB64 !== c.envelopeB64) failures.push(`${c.name}: got ${got}`);
    // … and through envelope.js's openEvent, which must agree.
    let viaOpen;
    try {
      const opened = await openEvent(file, keys.replyIdentity);
      if (opened.hash !== c.hash) failures.push(`${c.name}: openEvent hash`);
      viaOpen = verdict(c.context, opened.envelope, c.mailbox, null, bundle);
    } catch (e) {
      if (!(e instanceof EventError)) throw e;
      viaOpen = e.kind;
    }
    if (viaOpen !== c.expected) failures.push(`${c.name}: openEvent got ${viaOpen}`);
  }
  assert.deepEqual(failures, []);
});
