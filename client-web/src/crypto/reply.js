// Protocol §7.3: the team's signed replies, as the reporter's browser verifies them before showing a
// word of one. The twin of Java's reply rules; checked against the shared vector file.
import { hexToBytesStrict } from "./bytes.js";
import { CONTEXTS } from "./signed.js";
import { parseDate } from "./bundle.js";
import { EventError, checkText, date, exactKeys, int, json, lang, malformed, match, str, HASH, MAILBOX, MEMBER_ID } from "./fields.js";
import { MAX_PAYLOAD_SIZE, MAX_TEXT, parseEnvelope, verified } from "./envelope.js";

export const REPLY_FORMAT = "klachtenbalie-reply/v1";

const REPLY_FIELDS = ["format", "mailbox", "replySeq", "lastReporterEvent", "bundleVersion", "signer", "day", "lang",
  "text"];

/** Parses reply payload bytes strictly. */
export function parseReply(bytes) {
  if (bytes.length > MAX_PAYLOAD_SIZE) throw malformed("payload too large");
  const o = exactKeys(json(bytes), REPLY_FIELDS);
  if (o.get("format") !== REPLY_FORMAT) throw malformed("unknown format");
  const day = str(o.get("day"));
  date(day, "day");
  return Object.freeze({
    format: REPLY_FORMAT,
    mailbox: match(MAILBOX, o.get("mailbox"), "mailbox must be 32 lower-case hex characters"),
    replySeq: int(o.get("replySeq")),
    lastReporterEvent: match(HASH, o.get("lastReporterEvent"), "lastReporterEvent must be a hash"),
    bundleVersion: int(o.get("bundleVersion")),
    signer: match(MEMBER_ID, o.get("signer"), "signer must be a member id"),
    day,
    lang: lang(o.get("lang"), "lang"),
    text: checkText(o.get("text"), "text", MAX_TEXT, true, false),
  });
}

/**
 * Verifies a reply envelope as protocol §7.3 requires: signed by `signer`'s key in `bundle` (the
 * newest verified bundle payload, as verifyBundle returns it), that member active or retired after
 * the reply's day, a bundle version not newer than `bundle`'s, addressed to `ownMailbox`. Whether
 * replySeq is contiguous is the caller's to show ("a message may be missing").
 */
export function verifyReply(envelopeBytes, deploymentId, ownMailbox, bundle) {
  const env = parseEnvelope(envelopeBytes);
  const unverified = parseReply(env.payload);
  const member = bundle.members.find((m) => m.id === unverified.signer);
  if (!member) throw new EventError("SIGNER", "signer is not in the team bundle");
  const r = parseReply(verified(env, hexToBytesStrict(member.signingKey, 32), CONTEXTS.REPLY, deploymentId));
  // A compromised key is never trusted, whatever day it claims; a retired one only before it retired.
  const ok = member.status === "active" || (member.status === "retired" && date(r.day, "day") < parseDate(member.since));
  if (!ok) throw new EventError("SIGNER", "signer was not allowed to sign on that day");
  if (r.bundleVersion > bundle.version) throw new EventError("SIGNER", "names a newer bundle than the trusted one");
  if (r.mailbox !== ownMailbox) throw new EventError("WRONG_MAILBOX", "addressed to another mailbox");
  return r;
}
