// Drives the desk's Statistics page in Debian's Chromium (playwright-core from client-web/node_modules):
// makes the quarterly ministry report with the default choices, downloads the CSV, opens the printable
// report and checks its charts are there and legible — SVG bars and labels present with non-zero size,
// labels readable text, the threshold and the "what the numbers cannot say" sentence present — then a
// regional report and the evaluation view. Fails on any CSP violation or request leaving the desk.
//
// usage: node stats-report.mjs DESK_URL CLIENT_WEB_DIR SCREENSHOT_DIR
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [deskUrl, clientWeb, shots] = process.argv.slice(2);
const require = createRequire(join(clientWeb, 'package.json'));
const { chromium } = require('playwright-core');
const origin = new URL(deskUrl).origin;
mkdirSync(shots, { recursive: true });

const failures = [];
const requests = [];
const consoleErrors = [];
const profile = mkdtempSync(join(tmpdir(), 'desk-stats-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  viewport: { width: 1280, height: 900 },
  acceptDownloads: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function checkCharts(page, name, ids) {
  const result = await page.evaluate((ids) => {
    const out = { problems: [], labels: [] };
    for (const id of ids) {
      const fig = document.getElementById('chart-' + id);
      if (!fig) { out.problems.push(`chart ${id} missing`); continue; }
      const svg = fig.querySelector('svg');
      const box = svg && svg.getBoundingClientRect();
      if (!box || box.width < 100 || box.height < 50) out.problems.push(`chart ${id}: svg too small ${box && box.width}x${box && box.height}`);
      const bars = [...fig.querySelectorAll('rect.bar')];
      const visibleBars = bars.filter((b) => { const r = b.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
      if (visibleBars.length < 2) out.problems.push(`chart ${id}: ${visibleBars.length} visible bars`);
      for (const t of fig.querySelectorAll('text.label')) {
        const r = t.getBoundingClientRect();
        const text = t.textContent.trim();
        if (!text || r.width <= 0 || r.height < 8) out.problems.push(`chart ${id}: label "${text}" not legible (${r.width}x${r.height})`);
        out.labels.push(text);
      }
      const fill = bars[0] && getComputedStyle(bars[0]).fill;
      if (fill && /rgba?\(255, 255, 255/.test(fill)) out.problems.push(`chart ${id}: bars drawn in white`);
    }
    return out;
  }, ids);
  for (const p of result.problems) failures.push(`${name}: ${p}`);
  return result.labels;
}

try {
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });

  // A few clicks: the nav link, then "Make report" with the defaults (national, last quarter).
  await page.goto(deskUrl);
  await Promise.all([page.waitForNavigation(), page.click('header nav a:has-text("Statistics")')]);
  await page.screenshot({ path: join(shots, 'stats-form.png'), fullPage: true });
  await Promise.all([page.waitForNavigation(), page.click('form.stats-make button')]);
  if (!/\/stats\/release\/1$/.test(page.url())) failures.push(`after Make report: ${page.url()}`);
  await checkCharts(page, 'preview', ['about', 'topic', 'trend']);
  await page.screenshot({ path: join(shots, 'stats-preview.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("Download CSV")')]);
  const csv = readFileSync(await download.path(), 'utf8');
  if (!csv.startsWith('\ufeff"release","period","area","threshold","table"')) failures.push(`CSV header: ${csv.slice(0, 80)}`);
  if (!/"about","exploitant","Exploitant, club or window operator"/.test(csv)) failures.push('CSV: no exploitant row');
  if (!/,"x"\r\n/.test(csv)) failures.push('CSV: no hidden cell marked x');

  await Promise.all([page.waitForNavigation(), page.click('a:has-text("Printable report")')]);
  const labels = await checkCharts(page, 'printable', ['about', 'topic', 'trend']);
  for (const want of ['Exploitant, club or window operator', 'Money and banking', 'Police']) {
    if (!labels.includes(want)) failures.push(`printable: label "${want}" missing from the charts`);
  }
  const text = await page.textContent('main');
  if (!text.includes('threshold 5')) failures.push('printable: the threshold is not stated');
  if (!text.includes('What these numbers cannot say')) failures.push('printable: the limits sentence is missing');
  if (!text.includes('What goes well')) failures.push('printable: "what goes well" is missing');
  if (/prostitu/i.test(text)) failures.push('printable: stigmatising word');
  const printCss = await page.evaluate(() => [...document.styleSheets].some((s) => s.href && s.href.endsWith('/stats/print.css') && s.cssRules.length > 3));
  if (!printCss) failures.push('printable: print.css not applied');
  await page.screenshot({ path: join(shots, 'stats-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(shots, 'stats-print-media.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // A regional report: a province, per year.
  await page.goto(deskUrl + 'stats');
  await page.selectOption('select[name=report]', 'area');
  await page.selectOption('select[name=area]', 'province:noord-holland');
  const year = String(new Date(Date.parse(await page.inputValue('input[name=period]').then((v) => v.slice(0, 4) + '-01-01'))).getUTCFullYear());
  await page.fill('input[name=period]', year);
  await Promise.all([page.waitForNavigation(), page.click('form.stats-make button')]);
  if (!/\/stats\/release\/2$/.test(page.url())) failures.push(`regional report: ${page.url()} ${(await page.textContent('main')).slice(0, 200)}`);
  await checkCharts(page, 'regional', ['topic']);
  await page.screenshot({ path: join(shots, 'stats-region.png'), fullPage: true });

  // The evaluation view.
  await page.goto(deskUrl + 'stats');
  await page.selectOption('select[name=report]', 'evaluation');
  await Promise.all([page.waitForNavigation(), page.click('form.stats-make button')]);
  await checkCharts(page, 'evaluation', ['trend18', 'trend36']);
  await page.screenshot({ path: join(shots, 'stats-evaluation.png'), fullPage: true });

  const foreign = requests.filter((u) => !u.startsWith(origin + '/'));
  if (foreign.length) failures.push(`requests left the desk: ${JSON.stringify(foreign)}`);
  const csp = consoleErrors.filter((e) => /Content Security Policy|Refused/i.test(e));
  if (csp.length) failures.push(`CSP violations: ${JSON.stringify(csp)}`);
  console.log(JSON.stringify({ failures, requests: requests.length }));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failures.length ? 1 : 0);
