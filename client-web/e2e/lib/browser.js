// Launches Debian's chromium through playwright-core and watches a page for what must never happen:
// CSP violations, console errors, uncaught exceptions, requests to other origins, storage use.
import { chromium } from "playwright-core";
import { existsSync, mkdtempSync, readFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const HERE = dirname(fileURLToPath(import.meta.url));
export const CLIENT = join(HERE, "..", "..");
export const WEB = join(CLIENT, "target", "classes", "web");
export const SHOTS = join(CLIENT, "target", "screenshots");
mkdirSync(SHOTS, { recursive: true });

export async function launch({ extraArgs = [] } = {}) {
  if (!existsSync(join(WEB, "app.entry.js"))) throw new Error(`no build in ${WEB}: run \`node build.mjs target/classes/web\` first`);
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "kb-chromium-")), {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", ...extraArgs],
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 1,
    acceptDownloads: true,
    serviceWorkers: "block",
  });
}

/** Opens a watched page. `watch.problems()` lists everything that went wrong. */
export async function watchedPage(context, origin, { lang = "en", noWasm = false, allowExit = false } = {}) {
  const page = await context.newPage();
  const watch = { csp: [], console: [], errors: [], foreign: [], requests: [] };
  await page.addInitScript(({ lang, noWasm }) => {
    Object.defineProperty(navigator, "languages", { get: () => [lang] });
    if (noWasm) delete globalThis.WebAssembly;
    document.addEventListener("securitypolicyviolation", (e) => {
      (globalThis.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  }, { lang, noWasm });
  page.on("console", (m) => { if (m.type() === "error") watch.console.push(m.text()); });
  page.on("pageerror", (e) => watch.errors.push(String(e)));
  page.on("request", (r) => {
    watch.requests.push(r.url());
    const u = r.url();
    if (!u.startsWith(origin + "/") && !u.startsWith("blob:") && !u.startsWith("data:") && !(allowExit && u.startsWith("https://www.buienradar.nl/"))) watch.foreign.push(u);
  });
  watch.problems = async () => {
    const csp = await page.evaluate(() => globalThis.__csp ?? []).catch(() => []);
    return [...csp.map((c) => "csp: " + c), ...watch.console.map((c) => "console: " + c), ...watch.errors.map((c) => "error: " + c), ...watch.foreign.map((u) => "foreign request: " + u)];
  };
  return { page, watch };
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page; returns the violations. Evaluated through
 *  the DevTools protocol, so injecting axe does not need (or trip) the page's CSP. */
export async function axe(page) {
  await page.evaluate(AXE + "\n;0");
  return page.evaluate(async () => {
    const r = await globalThis.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
  });
}

export async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, name + ".png"), fullPage: true });
}
