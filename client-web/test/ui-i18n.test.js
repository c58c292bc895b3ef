// Every catalog has exactly the keys of English (the source), non-empty strings, the same {params},
// a _meta block saying whether a native speaker reviewed it, and an entry in src/languages.js named
// in itself. The <noscript> text of index.html is checked against each catalog too.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { test } from "node:test";
import { LANGUAGES } from "../src/languages.js";

const dir = new URL("../public/i18n/", import.meta.url);
const load = (code) => JSON.parse(readFileSync(new URL(`${code}.json`, dir), "utf8"));
const en = load("en");
const keys = (c) => Object.keys(c).filter((k) => k !== "_meta").sort();
const params = (s) => (s.match(/\{\w+\}/g) ?? []).sort().join();

test("every language in src/languages.js has a catalog and vice versa", () => {
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();
  assert.deepEqual(files, LANGUAGES.map((l) => l.code).sort());
});

for (const { code, name } of LANGUAGES) {
  test(`${code}: same keys as en, no empty strings, same placeholders, _meta complete`, () => {
    const c = load(code);
    const missing = keys(en).filter((k) => !(k in c));
    const extra = keys(c).filter((k) => !(k in en));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
    const bad = keys(c).filter((k) => typeof c[k] !== "string" || !c[k].trim() || params(c[k]) !== params(en[k]));
    assert.deepEqual(bad, [], "empty strings or placeholders differing from en");
    assert.equal(c._meta?.language, code);
    assert.equal(c._meta?.name, name, "named in itself, as in src/languages.js");
    assert.ok(c._meta.dir === "ltr" || c._meta.dir === "rtl");
    assert.equal(typeof c._meta.reviewed, "boolean", "_meta.reviewed says whether a native speaker reviewed it");
    assert.ok(typeof c._meta.note === "string" && c._meta.note.length > 10);
    if (code !== "en") assert.equal(c._meta.reviewed, false, "no native speaker has reviewed any translation yet");
  });
}

test("no catalog says 'prostitute' (DOMAIN.md: say sex worker)", () => {
  const banned = /prostitu|проститу|prostytu|prostituá|prostituat|โสเภณี|ľahká|prostitút/i;
  const hits = [];
  for (const { code } of LANGUAGES) for (const [k, v] of Object.entries(load(code))) if (typeof v === "string" && banned.test(v)) hits.push(`${code}:${k}`);
  assert.deepEqual(hits, []);
});

test("index.html's <noscript> carries each catalog's noscript text", () => {
  const html = readFileSync(new URL("../public/index.html", import.meta.url), "utf8");
  const block = html.slice(html.indexOf("<!-- noscript:begin"), html.indexOf("<!-- noscript:end"));
  const expected = LANGUAGES.map(({ code }) => `<p lang="${code}">${load(code).noscript}</p>`);
  const missing = expected.filter((p) => !block.includes(p));
  assert.deepEqual(missing, [], "regenerate with: node test/ui-i18n.test.js --print-noscript");
});

if (process.argv.includes("--print-noscript")) {
  console.log(LANGUAGES.map(({ code }) => `<p lang="${code}">${load(code).noscript}</p>`).join("\n"));
}
