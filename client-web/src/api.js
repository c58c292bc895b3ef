// The server API as the reporter's browser sees it. Every call is a same-origin POST to a fixed path
// with the ids in the JSON body (never in a URL a proxy could log), no cookies, no referrer, no cache.
// A call takes a fresh challenge (stateless HMAC'd nonce + puzzle difficulty), solves the puzzle and
// signs the request with the mailbox key. Shapes follow the description; align them with
// docs/api.md on branch `server` when it lands (the only place that needs to change is this file).
import { b64, hex, signRequest, unb64 } from "./protocol.js";
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
  /** @param {"network"|"unavailable"|"notfound"|"quota"|"server"} kind */
  constructor(kind, detail) { super(`api ${kind}: ${detail ?? ""}`); this.kind = kind; }
}

const FETCH_OPTIONS = { credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer", redirect: "error", mode: "same-origin" };

function kindOf(status) {
  if (status === 404 || status === 401 || status === 403) return "notfound";
  if (status === 429) return "quota";
  if (status === 503) return "unavailable";
  return "server";
}

export function createApi({ fetchImpl = (...a) => globalThis.fetch(...a), lite = () => false } = {}) {
  async function send(path, init) {
    let res;
    try {
      res = await fetchImpl(path, { ...FETCH_OPTIONS, ...init });
    } catch (e) {
      throw new ApiError("network", e.message);
    }
    if (!res.ok) throw new ApiError(kindOf(res.status), String(res.status));
    return res;
  }

  async function challenge() {
    // `lite` asks for an easier puzzle when WebAssembly (and usually the JIT) is missing.
    const res = await send(PATHS.challenge, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ lite: lite() }) });
    const c = await res.json();
    return { nonce: unb64(c.nonce), nonceText: c.nonce, difficulty: c.difficulty ?? 0 };
  }

  /** A signed, puzzle-solved POST. `fields` are merged into the body next to mailboxId/nonce/pow. */
  async function signed(path, keys, fields, { onPuzzle } = {}) {
    const c = await challenge();
    const counter = await solvePow(c.nonce, c.difficulty, { onProgress: onPuzzle });
    const body = new TextEncoder().encode(JSON.stringify({ mailboxId: hex(keys.mailboxId), nonce: c.nonceText, pow: counter, ...fields }));
    const res = await send(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "KB-Ed25519 " + signRequest(keys, path, c.nonce, body) },
      body,
    });
    return res.status === 204 ? null : res.json();
  }

  const event = (e) => ({ clientEventId: e.clientEventId, ciphertext: b64(e.ciphertext) });

  return {
    async teamBundle() {
      return (await send(PATHS.bundle, { method: "GET" })).text();
    },
    createMailbox(keys, first, opts) {
      return signed(PATHS.create, keys, { publicKey: b64(keys.publicKey), event: event(first) }, opts);
    },
    append(keys, e, opts) {
      return signed(PATHS.append, keys, { event: event(e) }, opts);
    },
    async events(keys, after = 0) {
      const r = await signed(PATHS.events, keys, { after });
      return (r?.events ?? []).map((e) => ({ seq: e.seq, day: e.day, ciphertext: unb64(e.ciphertext) }));
    },
    delete(keys) {
      return signed(PATHS.delete, keys, {});
    },
  };
}
