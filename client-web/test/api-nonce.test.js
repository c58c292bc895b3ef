// The kept `nextNonce` (docs/api.md, "Challenge"): a mailbox's next request skips the challenge round
// trip, the nonce is used at most once, never for another mailbox and never for a new mailbox (the
// server could otherwise link two mailboxes of one phone), and a refused kept nonce falls back to a
// fresh challenge.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createApi, PATHS } from "../src/api.js";
import { hex } from "../src/protocol.js";

const b64url = (bytes) => Buffer.from(bytes).toString("base64url");
const randomNonce = () => b64url(crypto.getRandomValues(new Uint8Array(40)));

function keysFor() {
  const mailboxId = crypto.getRandomValues(new Uint8Array(16));
  const signingSeed = crypto.getRandomValues(new Uint8Array(32));
  return { mailboxId, mailboxIdHex: hex(mailboxId), signingSeed, publicKey: new Uint8Array(32) };
}

/** A fake server: hands out nonces, remembers which it issued for which answer, refuses reuse. */
function fakeServer({ refuseKept = false } = {}) {
  const calls = [];
  const spent = new Set();
  const issuedFromChallenge = new Set();
  const issuedAsNext = new Map(); // nonce → mailbox hex whose answer carried it
  const json = (status, value) => new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json" } });
  async function fetchImpl(path, init) {
    const body = init.body ? JSON.parse(new TextDecoder().decode(init.body instanceof Uint8Array ? init.body : new TextEncoder().encode(init.body))) : {};
    calls.push({ path, body });
    if (path === PATHS.challenge) {
      const nonce = randomNonce();
      issuedFromChallenge.add(nonce);
      return json(200, { nonce, difficulty: 1, reducedDifficulty: 1, expiresInSeconds: 300 });
    }
    if (spent.has(body.nonce)) return json(409, { error: "nonce_used" });
    if (refuseKept && issuedAsNext.has(body.nonce)) return json(400, { error: "nonce_expired" });
    spent.add(body.nonce);
    const nextNonce = randomNonce();
    issuedAsNext.set(nextNonce, body.mailbox);
    if (path === PATHS.create) return json(200, { seqs: [1], nextNonce });
    if (path === PATHS.append) return json(200, { seq: calls.length, nextNonce });
    if (path === PATHS.events) return json(200, { events: [], more: false, nextNonce, pad: "0" });
    return json(200, { deleted: true });
  }
  return { fetchImpl, calls, issuedFromChallenge, issuedAsNext };
}

const sealed = () => ({ clientEventId: hex(crypto.getRandomValues(new Uint8Array(16))), message: new Uint8Array(8), report: new Uint8Array(8), attachments: [] });
const challenges = (calls) => calls.filter((c) => c.path === PATHS.challenge).length;

test("after the first answer, a mailbox's requests need no challenge round trip", async () => {
  const server = fakeServer();
  const api = createApi({ fetchImpl: server.fetchImpl });
  const keys = keysFor();
  await api.createMailbox(keys, sealed());
  assert.equal(challenges(server.calls), 1);
  await api.append(keys, sealed());
  await api.events(keys, 0);
  await api.append(keys, sealed());
  assert.equal(challenges(server.calls), 1, "append, events, append used the kept nonces");
  const used = server.calls.filter((c) => c.path !== PATHS.challenge).map((c) => c.body.nonce);
  assert.equal(new Set(used).size, used.length, "no nonce sent twice");
});

test("a nonce kept from one mailbox is never used for another, nor for a new mailbox", async () => {
  const server = fakeServer();
  const api = createApi({ fetchImpl: server.fetchImpl });
  const a = keysFor();
  const b = keysFor();
  await api.createMailbox(a, sealed());
  await api.createMailbox(b, sealed()); // a's kept nonce must not be used here
  await api.append(a, sealed());
  await api.append(b, sealed());
  await api.events(b, 0);
  await api.events(a, 0);
  for (const c of server.calls.filter((x) => x.path !== PATHS.challenge)) {
    const from = server.issuedAsNext.get(c.body.nonce);
    if (c.path === PATHS.create) {
      assert.ok(server.issuedFromChallenge.has(c.body.nonce), "a create always uses a fresh challenge");
    } else {
      assert.ok(from === undefined || from === c.body.mailbox, `a ${c.path} on ${c.body.mailbox} used a nonce from ${from}`);
    }
  }
  assert.equal(challenges(server.calls), 2, "one challenge per new mailbox, none after");
});

test("a refused kept nonce falls back to a fresh challenge and the request succeeds", async () => {
  const server = fakeServer({ refuseKept: true });
  const api = createApi({ fetchImpl: server.fetchImpl });
  const keys = keysFor();
  await api.createMailbox(keys, sealed());
  const r = await api.append(keys, sealed());
  assert.ok(Number.isInteger(r.seq));
  assert.equal(challenges(server.calls), 2, "the retry asked for a fresh challenge");
});
