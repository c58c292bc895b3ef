// A tiny test server: serves the built client with the production security headers and mocks the
// reporter API in memory (same shapes as src/api.js; replace by the real server in the end-to-end
// test once branch `server` lands). It checks what a real server must check — challenge nonce,
// proof of work, the request signature — so a client bug shows up here too.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { sha256 } from "@noble/hashes/sha2.js";
import { DEPLOYMENT } from "../../src/deployment.js";
import * as C from "../../src/standin/crypto.js";
import { checkPow } from "../../src/pow.js";

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8", ".svg": "image/svg+xml" };
const enc = new TextEncoder();

export async function startServer({ root, bundle, difficulty = 8 }) {
  const state = {
    bundle, // text of /team-bundle.json, replaceable by tests
    difficulty,
    mailboxes: new Map(), // hex id → { publicKey, events: [{ seq, day, ciphertext, clientEventId, author }] }
    nonces: new Set(),
    log: [], // { path, status }
    delayMs: 0,
    challenges: [], // request bodies of /api/v1/challenge (the 'lite' flag)
  };
  const today = () => new Date().toISOString().slice(0, 10);

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    const headers = {
      "Content-Security-Policy": CSP, "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store", "Cross-Origin-Opener-Policy": "same-origin", "Permissions-Policy": "camera=(self), microphone=(), geolocation=()",
    };
    const reply = (status, body, type = "application/json; charset=utf-8") => {
      state.log.push({ path: url.pathname, status });
      res.writeHead(status, { ...headers, "Content-Type": type });
      res.end(typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body));
    };
    try {
      if (url.pathname.startsWith("/api/") && state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
      if (url.pathname.startsWith("/api/")) return await api(req, url, reply);
      if (url.pathname === "/team-bundle.json") return reply(200, state.bundle);
      const rel = normalize(url.pathname === "/" ? "/index.html" : url.pathname).replace(/^(\.\.[/\\])+/, "");
      const file = join(root, rel);
      if (!file.startsWith(root)) return reply(404, "not found", "text/plain");
      const data = await readFile(file).catch(() => null);
      if (!data) return reply(404, "not found", "text/plain");
      return reply(200, data, TYPES[extname(file)] ?? "application/octet-stream");
    } catch (e) {
      return reply(500, { error: String(e.message) });
    }
  });

  async function api(req, url, reply) {
    if (req.method !== "POST") return reply(405, { error: "POST only" });
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = new Uint8Array(Buffer.concat(chunks));
    const path = url.pathname;
    if (path === "/api/v1/challenge") {
      state.challenges.push(JSON.parse(Buffer.from(raw).toString("utf8") || "{}"));
      const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
      state.nonces.add(nonce);
      return reply(200, { nonce, difficulty: state.difficulty });
    }
    const body = JSON.parse(Buffer.from(raw).toString("utf8"));
    if (!state.nonces.delete(body.nonce)) return reply(403, { error: "nonce" });
    const nonce = new Uint8Array(Buffer.from(body.nonce, "base64"));
    if (!checkPow(nonce, state.difficulty, body.pow)) return reply(403, { error: "pow" });
    const id = body.mailboxId;
    const box = state.mailboxes.get(id);
    const publicKey = path === "/api/v1/mailbox/create" ? new Uint8Array(Buffer.from(body.publicKey, "base64")) : box?.publicKey;
    const auth = /^KB-Ed25519 ([A-Za-z0-9+/=]+)$/.exec(req.headers.authorization ?? "");
    if (!publicKey || !auth) return reply(403, { error: "auth" });
    const parts = [enc.encode("POST"), enc.encode(path), C.unhex(id), nonce, sha256(raw)];
    if (!C.verify("request", DEPLOYMENT.id, parts, new Uint8Array(Buffer.from(auth[1], "base64")), publicKey)) return reply(403, { error: "auth" });
    const addEvent = (b, e, author) => {
      if (b.events.some((x) => x.clientEventId === e.clientEventId)) return;
      b.events.push({ seq: b.events.length + 1, day: today(), ciphertext: new Uint8Array(Buffer.from(e.ciphertext, "base64")), clientEventId: e.clientEventId, author });
    };
    switch (path) {
      case "/api/v1/mailbox/create":
        if (box) {
          if (box.events[0]?.clientEventId === body.event.clientEventId) return reply(200, { seq: 1 });
          return reply(409, { error: "exists" });
        }
        state.mailboxes.set(id, { publicKey, events: [] });
        addEvent(state.mailboxes.get(id), body.event, "reporter");
        return reply(200, { seq: 1 });
      case "/api/v1/mailbox/append":
        addEvent(box, body.event, "reporter");
        return reply(200, { seq: box.events.length });
      case "/api/v1/mailbox/events":
        return reply(200, { events: box.events.filter((e) => e.seq > (body.after ?? 0)).map((e) => ({ seq: e.seq, day: e.day, ciphertext: Buffer.from(e.ciphertext).toString("base64") })) });
      case "/api/v1/mailbox/delete":
        state.mailboxes.delete(id);
        return reply(200, {});
      default:
        return reply(404, { error: "no such path" });
    }
  }

  /** Adds a team event to a mailbox, as an import from the desk would. */
  state.addTeamEvent = (id, ciphertext) => {
    const b = state.mailboxes.get(id);
    b.events.push({ seq: b.events.length + 1, day: today(), ciphertext, clientEventId: "team-" + b.events.length, author: "team" });
  };

  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, state, close: () => new Promise((r) => server.close(r)) };
}
