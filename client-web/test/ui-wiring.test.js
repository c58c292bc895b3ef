// Guards for the integration: the stand-in crypto must not survive the arrival of the real modules,
// only protocol.js may import crypto code, and nothing in the interface may use storage or cookies.
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const src = fileURLToPath(new URL("../src/", import.meta.url));
const files = [];
(function walk(d) {
  for (const f of readdirSync(d)) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) { if (f !== "crypto") walk(p); } else if (f.endsWith(".js")) files.push(p);
  }
})(src);

test("once src/crypto/ has the real modules, protocol.js uses them and the stand-in is gone", () => {
  const real = ["receipt.js", "derive.js", "signed.js", "pad.js", "bundle.js"].every((f) => existsSync(join(src, "crypto", f)));
  const protocol = readFileSync(join(src, "protocol.js"), "utf8");
  if (real) {
    assert.ok(!protocol.includes("standin/"), "protocol.js still imports the stand-in");
    assert.ok(!existsSync(join(src, "standin")), "delete src/standin/");
  } else {
    assert.ok(protocol.includes("./standin/crypto.js"));
  }
});

test("only protocol.js (and the stand-in) import crypto code", () => {
  const offenders = files.filter((f) => !f.endsWith("protocol.js") && !f.includes("standin"))
    .filter((f) => /from "(\.\.?\/)+(crypto|standin)\//.test(readFileSync(f, "utf8")));
  assert.deepEqual(offenders, []);
});

test("no storage, cookies, eval, innerHTML or inline styles in interface code", () => {
  const banned = /localStorage|sessionStorage|indexedDB|document\.cookie|\beval\(|new Function\(|innerHTML|outerHTML|insertAdjacentHTML|\.style\.|setAttribute\("style"|history\.(push|replace)State|serviceWorker/;
  const hits = files.filter((f) => !f.includes("standin")).flatMap((f) => readFileSync(f, "utf8").split("\n").map((l, i) => [f, i + 1, l]))
    .filter(([, , l]) => banned.test(l) && !l.trim().startsWith("//")).map(([f, n, l]) => `${f.slice(src.length)}:${n}: ${l.trim()}`);
  assert.deepEqual(hits, []);
});

test("index.html has no inline script or style and a neutral title", () => {
  const html = readFileSync(new URL("../public/index.html", import.meta.url), "utf8");
  assert.match(html, /<title>Notes<\/title>/);
  assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), "inline script");
  assert.ok(!/<style|\sstyle=|\son[a-z]+=/i.test(html), "inline style or handler");
  assert.match(html, /<meta name="referrer" content="no-referrer">/);
});
