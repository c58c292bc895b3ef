// A tiny test server: serves the built client with the production security headers and mocks the
// reporter API of docs/api.md (branch `server`) in memory, checking what the real server checks —
// a fresh challenge nonce used once, the proof of work on create, the request signature, field names
// — so a client bug shows up here too. The end-to-end test against the real server replaces it.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { sha256 } from "@noble/hashes/sha2.js";
import { DEPLOYMENT } from "../../src/deployment.js";
import { CONTEXTS, verifySigned } from "../../src/crypto/signed.js";

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
// What the real server serves (docs/api.md, "Static content"): no SVG.
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8", ".png": "image/png", ".ico": "image/x-icon" };
const enc = new TextEncoder();
const POW_PREFIX = enc.encode("klachtenbalie/v1/pow");

function powBits(nonce, powHex) {
  const h = sha256(Buffer.concat([POW_PREFIX, nonce, Buffer.from(powHex, "hex")]));
  let n = 0;
  for (const x of h) { if (x === 0) { n += 8; continue; } return n + Math.clz32(x) - 24; }
  return n;
}

export async function startServer({ root, bundle, difficulty = 10, reducedDifficulty = 6 }) {
  const state = {
    bundle, difficulty, reducedDifficulty,
    mailboxes: new Map(), // hex id → { publicKey, clientEventId, events: [{ seq, kind, day, blob, clientEventId }] }
    nonces: new Set(),
    log: [], // { path, status, error }
    delayMs: 0,
    reducedCreates: 0,
  };
  const today = () => new Date().toISOString().slice(0, 10);

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    const headers = {
      "Content-Security-Policy": CSP, "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store", "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Resource-Policy": "same-origin",
      "X-Frame-Options": "DENY", "Permissions-Policy": "camera=(self), microphone=(), geolocation=()",
    };
    const reply = (status, body, type = "application/json; charset=utf-8") => {
      state.log.push({ path: url.pathname, status, error: status >= 400 ? body?.error : undefined });
      res.writeHead(status, { ...headers, "Content-Type": type });
      res.end(typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body));
    };
    try {
      if (url.pathname.startsWith("/api/") && state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
      if (url.pathname.startsWith("/api/")) return await api(req, url, reply);
      if (url.pathname === "/team-bundle.json") return reply(200, state.bundle);
      const rel = normalize(url.pathname === "/" ? "/index.html" : url.pathname).replace(/^(\.\.[/\\])+/, "");
      const file = join(root, rel);
      const type = TYPES[extname(file)];
      if (!file.startsWith(root) || !type) return reply(404, { error: "not_found" });
      const data = await readFile(file).catch(() => null);
      return data ? reply(200, data, type) : reply(404, { error: "not_found" });
    } catch (e) {
      return reply(500, { error: "internal", message: String(e.message) });
    }
  });

  async function api(req, url, reply) {
    if (req.method !== "POST") return reply(405, { error: "method_not_allowed" });
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = new Uint8Array(Buffer.concat(chunks));
    const path = url.pathname;
    if (path === "/api/v1/challenge") {
      const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(40))).toString("base64url");
      state.nonces.add(nonce);
      return reply(200, { nonce, difficulty: state.difficulty, reducedDifficulty: state.reducedDifficulty, expiresInSeconds: 300 });
    }
    const body = JSON.parse(Buffer.from(raw).toString("utf8"));
    const allowed = {
      "/api/v1/mailbox/create": ["mailbox", "publicKey", "nonce", "pow", "clientEventId", "report", "attachments"],
      "/api/v1/mailbox/append": ["mailbox", "nonce", "clientEventId", "message"],
      "/api/v1/mailbox/events": ["mailbox", "nonce", "after"],
      "/api/v1/mailbox/delete": ["mailbox", "nonce"],
    }[path];
    if (!allowed) return reply(404, { error: "not_found" });
    if (Object.keys(body).some((k) => !allowed.includes(k))) return reply(400, { error: "unknown_field" });
    if (!state.nonces.delete(body.nonce)) return reply(400, { error: "bad_nonce" });
    const nonce = new Uint8Array(Buffer.from(body.nonce, "base64url"));
    const id = body.mailbox;
    const box = state.mailboxes.get(id);
    const creating = path === "/api/v1/mailbox/create";
    if (creating) {
      const bits = powBits(nonce, body.pow ?? "");
      if (bits < state.reducedDifficulty) return reply(400, { error: "pow_insufficient" });
      if (bits < state.difficulty) state.reducedCreates++;
    }
    const publicKey = creating ? new Uint8Array(Buffer.from(body.publicKey, "hex")) : box?.publicKey;
    const auth = /^KB-Ed25519 ([A-Za-z0-9+/=]+)$/.exec(req.headers.authorization ?? "");
    if (!auth) return reply(401, { error: "missing_signature" });
    const parts = [enc.encode("POST"), enc.encode(path), new Uint8Array(Buffer.from(id, "hex")), nonce, sha256(raw)];
    if (!publicKey || !verifySigned(publicKey, CONTEXTS.REQUEST, DEPLOYMENT.id, new Uint8Array(Buffer.from(auth[1], "base64")), ...parts)) {
      return reply(401, { error: "unauthorized", message: "check the receipt code" });
    }
    const blob = (s) => new Uint8Array(Buffer.from(s, "base64"));
    switch (path) {
      case "/api/v1/mailbox/create": {
        if (box) {
          if (box.clientEventId === body.clientEventId) return reply(200, { seqs: box.events.filter((e) => e.kind !== "message" && e.kind !== "reply").map((e) => e.seq) });
          return reply(409, { error: "mailbox_exists" });
        }
        if ((body.attachments ?? []).length > 3) return reply(400, { error: "too_many_attachments" });
        const events = [{ seq: 1, kind: "report", day: today(), blob: blob(body.report) }];
        for (const a of body.attachments ?? []) events.push({ seq: events.length + 1, kind: "attachment", day: today(), blob: blob(a) });
        state.mailboxes.set(id, { publicKey, clientEventId: body.clientEventId, events });
        return reply(200, { seqs: events.map((e) => e.seq) });
      }
      case "/api/v1/mailbox/append": {
        const seen = box.events.find((e) => e.clientEventId === body.clientEventId);
        if (seen) return reply(200, { seq: seen.seq });
        box.events.push({ seq: box.events.length + 1, kind: "message", day: today(), blob: blob(body.message), clientEventId: body.clientEventId });
        return reply(200, { seq: box.events.length });
      }
      case "/api/v1/mailbox/events":
        return reply(200, {
          events: box.events.filter((e) => e.seq > (body.after ?? 0)).map((e) => ({
            seq: e.seq, kind: e.kind, day: e.day, blob: e.kind === "attachment" ? null : Buffer.from(e.blob).toString("base64"),
          })),
          more: false, pad: "0000",
        });
      case "/api/v1/mailbox/delete":
        state.mailboxes.delete(id);
        return reply(200, { deleted: true });
    }
  }

  /** Adds a team reply to a mailbox, as an import from the desk would. */
  state.addTeamEvent = (id, blob) => {
    const b = state.mailboxes.get(id);
    b.events.push({ seq: b.events.length + 1, kind: "reply", day: today(), blob });
  };

  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, state, close: () => new Promise((r) => server.close(r)) };
}
