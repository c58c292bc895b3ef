// The server API as the reporter's browser sees it — docs/api.md on branch `server`. Every call is a
// same-origin POST to a fixed path with the ids in the JSON body (never in a URL a proxy could log),
// no cookies, no referrer, no cache, a fresh challenge nonce and the mailbox key's signature.
// A successful answer carries `nextNonce`; it is kept in memory for that one mailbox only (never for
// another mailbox or a new one, which would let the server link them) and saves the next request a
// round trip — on a slow phone network that is a few hundred milliseconds per message.
// Only *create* needs the proof of work; without WebAssembly the client may stop at the server's
// `reducedDifficulty` (admitted through a global bucket; "reduced_pow_busy" → solve the full one).
import { b64, hasWebAssembly, hex, signRequest, unb64 } from "./protocol.js";
import { solvePow } from "./pow.js";

export const PATHS = Object.freeze({
  bundle: "/team-bundle.json",
  challenge: "/api/v1/challenge",
  create: "/api/v1/mailbox/create",
  append: "/api/v1/mailbox/append",
  events: "/api/v1/mailbox/events",
  delete: "/api/v1/mailbox/delete",
});

export class ApiError extends Error {
  /** @param {"network"|"unavailable"|"notfound"|"quota"|"toolarge"|"server"} kind */
  constructor(kind, code) { super(`api ${kind}: ${code ?? ""}`); this.kind = kind; this.code = code; }
}

const FETCH_OPTIONS = { credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer", redirect: "error", mode: "same-origin" };
const RETRY_WITH_NEW_NONCE = new Set(["bad_nonce", "nonce_expired", "nonce_used"]);

function kindOf(status, code) {
  if (code === "unauthorized" || status === 401) return "notfound"; // unknown mailbox = wrong signature, by design
  if (code === "quota_day" || status === 429) return "quota";
  if (code === "too_large" || code === "mailbox_full" || status === 413) return "toolarge";
  if (status === 503) return "unavailable";
  return "server";
}

const b64url = (s) => {
  if (typeof s !== "string" || !/^[A-Za-z0-9_-]+$/.test(s)) throw new ApiError("server", "bad_nonce_encoding");
  const std = s.replace(/-/g, "+").replace(/_/g, "/");
  return unb64(std + "=".repeat((4 - (std.length % 4)) % 4));
};

export function createApi({ fetchImpl = (...a) => globalThis.fetch(...a) } = {}) {
  async function send(path, init) {
    let res;
    try {
      res = await fetchImpl(path, { ...FETCH_OPTIONS, ...init });
    } catch (e) {
      throw new ApiError("network", e.name);
    }
    if (!res.ok) {
      const code = await res.json().then((j) => j?.error, () => undefined);
      throw new ApiError(kindOf(res.status, code), code ?? String(res.status));
    }
    return res;
  }

  /** mailbox id (hex) → { text, at }: the nextNonce of that mailbox's last answer, used at most once. */
  const nextNonces = new Map();
  const NEXT_NONCE_MAX_AGE_MS = 120_000; // well inside the server's default 300 s lifetime

  function takeNextNonce(mailboxIdHex) {
    const kept = nextNonces.get(mailboxIdHex);
    nextNonces.delete(mailboxIdHex);
    if (!kept || Date.now() - kept.at > NEXT_NONCE_MAX_AGE_MS) return null;
    try {
      return { text: kept.text, bytes: b64url(kept.text) };
    } catch {
      return null;
    }
  }

  function keepNextNonce(mailboxIdHex, answer) {
    if (typeof answer?.nextNonce === "string") nextNonces.set(mailboxIdHex, { text: answer.nextNonce, at: Date.now() });
  }

  async function challenge() {
    const c = await (await send(PATHS.challenge, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).json();
    return { text: c.nonce, bytes: b64url(c.nonce), difficulty: c.difficulty, reducedDifficulty: c.reducedDifficulty ?? c.difficulty };
  }

  /**
   * A signed POST of `fields`: it spends the nonce this mailbox's previous answer carried, or a fresh
   * challenge when there is none, when a puzzle must be solved (create) or when retrying. Retries once,
   * with a fresh challenge, on a spent or expired nonce.
   */
  async function signed(path, keys, fields, { pow = false, onPuzzle, onSolved, full = false } = {}) {
    for (let attempt = 0; ; attempt++) {
      // The proof of work needs the difficulty of a fresh challenge; a retry never reuses a kept nonce.
      const c = (!pow && attempt === 0 && takeNextNonce(keys.mailboxIdHex)) || await challenge();
      const extra = {};
      if (pow) {
        const bits = full || hasWebAssembly() ? c.difficulty : c.reducedDifficulty;
        const counter = await solvePow(c.bytes, bits, { onProgress: onPuzzle });
        extra.pow = hex(counterBytes(counter));
        onSolved?.();
      }
      const body = new TextEncoder().encode(JSON.stringify({ mailbox: keys.mailboxIdHex, nonce: c.text, ...extra, ...fields }));
      try {
        const res = await send(path, {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: "KB-Ed25519 " + signRequest(keys, path, c.bytes, body) },
          body,
        });
        const answer = await res.json();
        keepNextNonce(keys.mailboxIdHex, answer);
        return answer;
      } catch (e) {
        if (attempt === 0 && e instanceof ApiError && RETRY_WITH_NEW_NONCE.has(e.code)) continue;
        if (attempt === 0 && e instanceof ApiError && e.code === "reduced_pow_busy") { full = true; continue; }
        throw e;
      }
    }
  }

  return {
    async teamBundle() {
      return (await send(PATHS.bundle, { method: "GET" })).text();
    },
    /** @param {{clientEventId, report: Uint8Array, attachments: Uint8Array[]}} sealed */
    createMailbox(keys, sealed, { onPuzzle, onSolved } = {}) {
      return signed(PATHS.create, keys, {
        publicKey: hex(keys.publicKey), clientEventId: sealed.clientEventId, report: b64(sealed.report), attachments: sealed.attachments.map(b64),
      }, { pow: true, onPuzzle, onSolved });
    },
    append(keys, sealed) {
      return signed(PATHS.append, keys, { clientEventId: sealed.clientEventId, message: b64(sealed.message) });
    },
    /** Every event after `after`, following `more`. Attachments come without bytes (blob null). */
    async events(keys, after = 0) {
      const all = [];
      for (let page = 0; page < 100; page++) {
        const r = await signed(PATHS.events, keys, { after });
        for (const e of r.events ?? []) all.push({ seq: e.seq, kind: e.kind, day: e.day, blob: e.blob == null ? null : unb64(e.blob) });
        if (!r.more || !r.events?.length) break;
        after = r.events[r.events.length - 1].seq;
      }
      return all;
    },
    delete(keys) {
      return signed(PATHS.delete, keys, {});
    },
  };
}

/** The 8 PoW bytes: the counter as an unsigned 64-bit big-endian integer. */
export function counterBytes(counter) {
  const b = new Uint8Array(8);
  const v = new DataView(b.buffer);
  v.setUint32(0, Math.floor(counter / 2 ** 32));
  v.setUint32(4, counter >>> 0);
  return b;
}
