// Turns client-web/target/{benchmarks,page-weight,argon2-bench}.json into rows of bin/bench's table.
import { existsSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const T = join(dirname(fileURLToPath(import.meta.url)), "..", "target");
const read = (f) => (existsSync(join(T, f)) ? JSON.parse(readFileSync(join(T, f), "utf8")) : null);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms) => (ms / 1000).toFixed(2) + " s";
const rows = [];
const b = read("benchmarks.json");
if (b) {
  for (const [k, v] of Object.entries(b.runs)) {
    if (k.startsWith("pq-")) continue;
    const goal = k.startsWith("wasm-pow12") || k.startsWith("wasm-pow16");
    rows.push(`| 3 reporter device | send → receipt, Chromium ${b.cpuThrottle}× CPU throttling, ${k} (Argon2id + PoW + encrypt + upload to a loopback test server), runs ${v.runsMs.join(", ")} ms | ${s(v.medianMs)} median | — | — | ${goal ? "≤ 3 s" : "(measured)"} | ${goal ? (v.medianMs <= 3000 ? "✅" : `❌ (${(v.medianMs / 3000).toFixed(1)}× over)`) : "—"} |`);
  }
  const c = b.runs["pq-classic-pow12"], h = b.runs["pq-hybrid-pow12"];
  if (c && h) {
    rows.push(`| 6 post-quantum send | send → receipt, Chromium ${b.cpuThrottle}× CPU throttling, WebAssembly, puzzle 12, one-member bundle, alternating: hybrid runs ${h.runsMs.join(", ")} ms (report ${h.reportBytes} B) vs classic ${c.runsMs.join(", ")} ms (report ${c.reportBytes} B) | ${s(h.medianMs)} median | ${s(c.medianMs)} median (classic) | ${(c.medianMs / h.medianMs).toFixed(2)} | (cost) | — |`);
  }
} else rows.push("| 3 reporter device | send → receipt: no client-web/target/benchmarks.json (e2e/bench.test.js did not run) | | | | ≤ 3 s | ? |");
const a = read("argon2-bench.json");
if (a) {
  const w = median(a.runsMs.wasm), n = median(a.runsMs.noble);
  rows.push(`| 3 reporter device | Argon2id alone (m=19456 KiB, t=2, p=1), Chromium ${a.cpuThrottle}× throttling: hash-wasm (WASM) vs @noble/hashes (pure JS fallback) | ${s(w)} WASM | ${s(n)} JS | ${(n / w).toFixed(1)}× faster | (measured) | — |`);
}
const p = read("page-weight.json");
if (p) {
  rows.push(`| 3 reporter device | page weight of the reporter flow (${p.files.map((f) => f.file).join(", ")}) | ${(p.total.gzip / 1024).toFixed(1)} KiB gzip -9 (${(p.total.brotli / 1024).toFixed(1)} KiB brotli, ${(p.total.raw / 1024).toFixed(1)} KiB raw) | — | — | ≤ 150 KB | ${p.total.gzip <= p.limit ? `✅ (${Math.round((100 * p.total.gzip) / p.limit)}% of budget)` : "❌"} |`);
}
console.log(rows.join("\n"));
