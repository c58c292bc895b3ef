// Drives the transfer page in Debian's Chromium (playwright-core from client-web/node_modules) and
// checks its asset check: amber without an asset list, green when the served reporter pages match
// the signed list, and a red alarm naming exactly the tampered and the missing file otherwise. Also
// checks that the page stays within its CSP (no console errors) and only talks to its own origin.
//
// usage: node transfer-assets.mjs CLIENT_WEB_DIR SCREENSHOT_DIR AMBER_URL
//          GREEN_URL GREEN_FINGERPRINT GREEN_COUNT RED_URL RED_FINGERPRINT TAMPERED MISSING RED_COUNT
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [clientWeb, shots, amberUrl, greenUrl, greenFp, greenCount, redUrl, redFp, tampered, missing, redCount] =
  process.argv.slice(2);
const require = createRequire(join(clientWeb, 'package.json'));
const { chromium } = require('playwright-core');
mkdirSync(shots, { recursive: true });

const failures = [];
const expect = (ok, what) => { if (!ok) failures.push(what); };
const profile = mkdtempSync(join(tmpdir(), 'transfer-chromium-'));
// A fresh profile per run (playwright passes it as --user-data-dir).
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  viewport: { width: 1000, height: 1100 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function check(name, url) {
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('assets').dataset.state !== 'checking', null, { timeout: 60000 });
  const result = await page.evaluate(() => ({
    state: document.getElementById('assets').dataset.state,
    status: document.getElementById('asset-status').textContent,
    problems: [...document.querySelectorAll('#asset-problems li')].map((li) => li.textContent),
    problemsHidden: document.getElementById('asset-problems').hidden,
    advice: document.getElementById('asset-advice').hidden ? '' : document.getElementById('asset-advice').textContent,
    signature: document.getElementById('asset-signature').textContent,
    color: getComputedStyle(document.getElementById('asset-status')).color,
  }));
  await page.screenshot({ path: join(shots, `transfer-assets-${name}.png`), fullPage: true });
  const origin = new URL(url).origin;
  const foreign = requests.filter((r) => new URL(r).origin !== origin);
  expect(foreign.length === 0, `${name}: requests left the origin: ${foreign.join(', ')}`);
  // 404s of a missing asset are logged by Chromium as console errors; nothing else may be.
  const unexpected = errors.filter((e) => !/status of 404/.test(e));
  expect(unexpected.length === 0, `${name}: console errors (CSP?): ${unexpected.join(' | ')}`);
  await page.close();
  console.log(name, JSON.stringify(result));
  return result;
}

try {
  const amber = await check('amber', amberUrl);
  expect(amber.state === 'no-assets', `amber: state ${amber.state}`);
  expect(amber.status.toLowerCase().includes('this bundle carries no asset list') && amber.status.includes('--assets'),
    `amber: status ${JSON.stringify(amber.status)}`);
  expect(amber.problemsHidden && !amber.advice, 'amber: problems or advice shown');

  const green = await check('green', greenUrl);
  expect(green.state === 'ok', `green: state ${green.state} ${JSON.stringify(green.problems)}`);
  expect(green.status === `The reporter pages match the team\u2019s signed list (${greenCount} files).`,
    `green: status ${JSON.stringify(green.status)}`);
  expect(green.color === 'rgb(26, 127, 55)', `green: status colour ${green.color}`);
  // Chromium has Ed25519 in Web Crypto: the signature is verified, and the fingerprint is shown.
  expect(green.signature.includes('signed by the team root key with fingerprint ' + greenFp),
    `green: signature note ${JSON.stringify(green.signature)}`);
  expect(green.problemsHidden && !green.advice, 'green: problems or advice shown');

  const red = await check('red', redUrl);
  expect(red.state === 'alarm', `red: state ${red.state}`);
  expect(red.status.startsWith('ALARM') && red.status.includes(`(${redCount} files listed)`),
    `red: status ${JSON.stringify(red.status)}`);
  const want = [`${missing} \u2014 missing (the server answered 404)`, `${tampered} \u2014 differs from the signed list`].sort();
  expect(JSON.stringify(red.problems) === JSON.stringify(want), `red: problems ${JSON.stringify(red.problems)}, want ${JSON.stringify(want)}`);
  expect(/^Stop/.test(red.advice) && red.advice.includes('flyer') && red.advice.includes('operator'),
    `red: advice ${JSON.stringify(red.advice)}`);
  expect(red.color === 'rgb(153, 0, 0)', `red: status colour ${red.color}`);
  expect(red.signature.includes(redFp), `red: fingerprint missing from ${JSON.stringify(red.signature)}`);
} catch (e) {
  failures.push(String(e && e.stack || e));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
if (failures.length) {
  console.error('FAILED:\n' + failures.join('\n'));
  process.exit(1);
}
console.log('transfer page asset check: amber, green and red as expected');
