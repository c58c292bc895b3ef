// Protocol §7: the signed envelopes inside every event's encryption. The twin of Java's
// nl.klachtenbalie.crypto.event: same envelope and payload rules, same error kinds, and payloads
// written byte for byte as Java's JsonWriter writes them (checked by the shared vector file).
//
// The browser builds and signs reporter messages and verifies them when it rereads them; replies are
// in reply.js, the field rules in fields.js, sealing with age in seal.js. Nothing in an envelope is
// shown before it verifies.
import { base64Canonical, base64Encode, hexToBytesStrict } from "./bytes.js";
import { writeJson } from "./json.js";
import { CONTEXTS, signSigned, verifySigned } from "./signed.js";
import { MAX_CONTENT_LENGTH } from "./pad.js";
import { isAnyAgeRecipient } from "./bundle.js";
import { EventError, checkText, exactKeys, int, json, lang, mailboxKeyHex, malformed, match, month, str, HASH, MAILBOX } from "./fields.js";

export { EventError } from "./fields.js";

export const MAX_PAYLOAD_SIZE = 128 * 1024;
export const MAX_ENCODED_SIZE = 4 * (Math.floor(MAX_PAYLOAD_SIZE / 3) + 1) + 256;
export const MAX_EVENT_FILE_SIZE = 524288 + 64 * 1024;
export const MAX_TEXT = 20000;
export const MAX_ATTACHMENTS = 10;
export const REPORTER_MSG_FORMAT = "klachtenbalie-reporter-msg/v1";

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

// ---------------------------------------------------------------------------------------------
// Envelope

/** {"payload":"<b64>","signature":"<b64>"} */
export function encodeEnvelope(payload, signature) {
  return writeJson({ payload: base64Encode(payload), signature: base64Encode(signature) });
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

export function verified(envelope, publicKey, context, deploymentId) {
  if (!verifySigned(publicKey, context, deploymentId, envelope.signature, envelope.payload)) {
    throw new EventError("SIGNATURE", "signature does not verify for " + context);
  }
  return envelope.payload;
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

