// Page weight: everything the reporter flow loads (HTML, the one script, CSS, favicon and one
// catalog — the largest, as a worst case) must stay within 150 KB compressed. Writes
// target/page-weight.json for docs/benchmarks.md.
import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { WEB } from "./lib/browser.js";

const LIMIT = 150 * 1024;

test("the reporter flow is within 150 KB compressed", () => {
  const catalogs = readdirSync(join(WEB, "i18n")).map((f) => join("i18n", f));
  const largest = catalogs.sort((a, b) => gzipSync(readFileSync(join(WEB, b)), { level: 9 }).length - gzipSync(readFileSync(join(WEB, a)), { level: 9 }).length)[0];
  const files = ["index.html", "app.entry.js", "app.css", "favicon.png", largest];
  const rows = files.map((f) => {
    const b = readFileSync(join(WEB, f));
    return { file: f, raw: b.length, gzip: gzipSync(b, { level: 9 }).length, brotli: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
  });
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  writeFileSync(join(WEB, "..", "..", "page-weight.json"), JSON.stringify({ limit: LIMIT, files: rows, total }, null, 1) + "\n");
  console.log(rows.map((r) => `${r.file.padEnd(16)} ${String(r.raw).padStart(7)} raw ${String(r.gzip).padStart(7)} gzip ${String(r.brotli).padStart(7)} br`).join("\n"));
  console.log(`total            ${String(total.raw).padStart(7)} raw ${String(total.gzip).padStart(7)} gzip ${String(total.brotli).padStart(7)} br`);
  assert.ok(total.gzip <= LIMIT, `${total.gzip} bytes gzip > ${LIMIT}`);
});
