// The reporter FAQ (public/faq/<lang>.html): static pages that work without JavaScript. Every client
// language has one; none carries a script, an inline style, an event handler or an outside address;
// every page asks the same questions (section ids) in the same order; each is marked machine-drafted
// until reviewed; and the index names every language in itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { LANGUAGES } from "../src/languages.js";

const dir = new URL("../public/faq/", import.meta.url);
const read = (name) => readFileSync(new URL(name, dir), "utf8");
const catalog = (code) => JSON.parse(readFileSync(new URL(`../public/i18n/${code}.json`, import.meta.url), "utf8"));
const ids = (html) => [...html.matchAll(/<section id="([a-z0-9-]+)">/g)].map((m) => m[1]);
const EXPECTED = ["keep-code", "lost-code", "team-sees", "next", "police", "network", "forget"];

test("every client language has a FAQ page and there is nothing else", () => {
  const pages = readdirSync(dir).filter((f) => f.endsWith(".html")).sort();
  const want = [...LANGUAGES.map(({ code }) => `${code}.html`), "index.html"].sort();
  assert.deepEqual(pages, want);
});

for (const name of ["index.html", ...LANGUAGES.map(({ code }) => `${code}.html`)]) {
  test(`${name}: static, no script, no inline style, no outside address`, () => {
    const html = read(name);
    assert.doesNotMatch(html, /<script/i, "no script");
    assert.doesNotMatch(html, /\sstyle\s*=/i, "no inline style attribute");
    assert.doesNotMatch(html, /<style/i, "no style element");
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, "no event handler attribute");
    assert.doesNotMatch(html, /javascript:/i);
    assert.doesNotMatch(html, /(https?:)?\/\/[a-z0-9]/i, "no outside address at all");
    assert.doesNotMatch(html, /<(iframe|object|embed|img|form|base)\b/i);
    for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      assert.match(m[1], /^(#[a-z-]+|[a-z]{2}\.html|index\.html|\.\.\/(app\.css|favicon\.png)?)$/, `local link only: ${m[1]}`);
    }
    assert.match(html, /<title>Notes<\/title>/, "neutral title");
    assert.match(html, /<link rel="stylesheet" href="\.\.\/app\.css">/);
    assert.match(html, /<meta name="referrer" content="no-referrer">/);
    assert.match(html, /^<!doctype html>\n<html lang="[a-z]{2}" dir="(ltr|rtl)">/);
  });
}

for (const { code } of LANGUAGES) {
  test(`${code}.html: same questions as every language, lang and dir from the catalog, marked machine-drafted`, () => {
    const html = read(`${code}.html`);
    assert.deepEqual(ids(html), EXPECTED);
    const meta = catalog(code)._meta;
    assert.ok(html.startsWith(`<!doctype html>\n<html lang="${code}" dir="${meta.dir}">`));
    for (const id of EXPECTED) {
      assert.ok(html.includes(`<a href="#${id}">`), `the list at the top links to #${id}`);
      const section = html.split(`<section id="${id}">`)[1].split("</section>")[0];
      assert.match(section, /<h2>[^<]+<\/h2>/);
      assert.match(section, /<p>[^<]{20,}<\/p>/);
    }
    assert.match(html, /data-reviewed="false"|data-reviewed="true"/);
    if (!meta.reviewed) assert.match(html, /data-reviewed="false"/, "unreviewed text says so");
    assert.doesNotMatch(html.toLowerCase(), /prostitu|prostytu|проститу|โสเภณี|whore|hoer\b/, "say sex worker");
    // The buttons the answers name are the app's own words.
    const c = catalog(code);
    assert.ok(html.includes(c["conv.forget.button"]), "names the “Delete everything” button as the app does");
    assert.ok(html.includes(c["start.return"]), "names “I have a receipt code” as the app does");
  });
}

test("index.html names every language in itself and links its page", () => {
  const html = read("index.html");
  for (const { code, name } of LANGUAGES) {
    assert.ok(html.includes(`<a href="${code}.html" lang="${code}" hreflang="${code}">${name}</a>`), code);
  }
});
