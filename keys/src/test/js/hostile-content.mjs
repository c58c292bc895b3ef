// Drives the real desk in Debian's Chromium (playwright-core from client-web/node_modules) and
// checks that hostile report content is shown as text and never runs: no script executes (the
// title stays ours, no marker request leaves the page), no active element is created, and the
// payloads are visible literally. Also imports through the UI (the progress page reloads itself
// without script) and adds a hostile note through a form. Screenshots go to the given folder.
//
// usage: node hostile-content.mjs DESK_URL CLIENT_WEB_DIR SCREENSHOT_DIR
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [deskUrl, clientWeb, shots] = process.argv.slice(2);
const require = createRequire(join(clientWeb, 'package.json'));
const { chromium } = require('playwright-core');
const origin = new URL(deskUrl).origin;
mkdirSync(shots, { recursive: true });

const failures = [];
const requests = [];
const profile = mkdtempSync(join(tmpdir(), 'desk-chromium-'));
// A fresh profile per run (playwright passes it as --user-data-dir).
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });

  async function checkPage(name) {
    const title = await page.title();
    if (!title.startsWith('Klachtenbalie desk')) failures.push(`${name}: title changed to ${JSON.stringify(title)}`);
    const active = await page.evaluate(() => {
      const main = document.querySelector('main') || document.body;
      const bad = [];
      for (const el of main.querySelectorAll('script, iframe, object, embed, svg, style, link, meta, base, form[action^="javascript"]')) {
        bad.push(el.tagName);
      }
      for (const el of main.querySelectorAll('*')) {
        for (const a of el.attributes) {
          if (a.name.startsWith('on')) bad.push(`${el.tagName}[${a.name}]`);
          if (/^\s*javascript:/i.test(a.value)) bad.push(`${el.tagName}[${a.name}=javascript:]`);
        }
      }
      for (const img of main.querySelectorAll('img')) {
        if (!new URL(img.src).pathname.includes('/photo/')) bad.push(`IMG ${img.src}`);
      }
      return bad.concat(window.__pwned ? ['window.__pwned set'] : []);
    });
    if (active.length) failures.push(`${name}: active content ${JSON.stringify(active)}`);
  }

  // Import through the UI: the status page refreshes itself (Refresh header), no script involved.
  await page.goto(deskUrl + 'import');
  await checkPage('import');
  await page.screenshot({ path: join(shots, 'desk-import.png'), fullPage: true });
  await page.click('form.candidate button');
  try {
    await page.waitForSelector('text=Import finished', { timeout: 30000 });
  } catch (e) {
    await page.screenshot({ path: join(shots, 'desk-import-stuck.png'), fullPage: true });
    console.log(await page.content());
    throw e;
  }
  await page.screenshot({ path: join(shots, 'desk-import-done.png'), fullPage: true });

  await page.goto(deskUrl);
  await checkPage('case list');
  await page.screenshot({ path: join(shots, 'desk-cases.png'), fullPage: true });
  const links = await page.$$eval('td.summary a', (as) => as.map((a) => a.href));
  if (links.length < 2) failures.push(`expected the hostile cases in the list, found ${links.length}`);
  const listText = await page.textContent('main');
  if (!listText.includes('<script>')) failures.push('case list: the <script> payload is not visible as text');

  let i = 0;
  let shownLiterally = 0;
  for (const link of links) {
    await page.goto(link);
    await page.waitForLoadState('load');
    await checkPage(`case ${i}`);
    const text = await page.textContent('main');
    for (const literal of ['<script>', '<img src=x onerror=', 'javascript:', '<svg onload=', '<iframe', '<style>', '<meta http-equiv']) {
      if (text.includes(literal)) shownLiterally++;
    }
    await page.screenshot({ path: join(shots, `desk-case-${i}.png`), fullPage: true });
    i++;
  }
  if (shownLiterally < 7) failures.push(`payloads not visible literally (${shownLiterally} of at least 7 found)`);

  // A hostile note through the form, then the reply composer with a referral.
  await page.goto(links[0]);
  await page.fill('section.notes textarea', '<script>window.__pwned=1;document.title="PWNED"</script><b>bold?</b>');
  await Promise.all([page.waitForNavigation(), page.click('section.notes button')]);
  await checkPage('after note');
  const noteText = await page.textContent('section.notes');
  if (!noteText.includes('<b>bold?</b>')) failures.push('the hostile note is not shown literally');
  await page.screenshot({ path: join(shots, 'desk-case-with-note.png'), fullPage: true });
  await page.goto(links[0] + '/reply?lang=nl&template=referral&org=proud');
  await checkPage('reply composer');
  await page.screenshot({ path: join(shots, 'desk-reply.png'), fullPage: true });
  for (const p of ['outbox', 'kaart']) {
    await page.goto(deskUrl + p);
    await checkPage(p);
    await page.screenshot({ path: join(shots, `desk-${p}.png`), fullPage: true });
  }

  const foreign = requests.filter((u) => !u.startsWith(origin + '/'));
  if (foreign.length) failures.push(`requests left the desk: ${JSON.stringify(foreign)}`);
  if (dialogs.length) failures.push(`dialogs opened: ${JSON.stringify(dialogs)}`);
  console.log(JSON.stringify({ failures, requests: requests.length, cases: links.length }));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failures.length ? 1 : 0);
