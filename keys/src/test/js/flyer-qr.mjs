// Renders every flyer and poster SVG in a folder in Debian's Chromium (playwright-core from
// client-web/node_modules), as a printer or a phone's screen would, and writes for each QR code a
// PNG cut from the rendered page (with a white margin), plus a full-page screenshot for people to
// look at. The Java test (FlyerQrBrowserTest) decodes the PNGs with ZXing and compares the text.
//
// usage: node flyer-qr.mjs SVG_DIR CLIENT_WEB_DIR OUT_DIR
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [svgDir, clientWeb, outDir] = process.argv.slice(2);
const require = createRequire(join(clientWeb, 'package.json'));
const { chromium } = require('playwright-core');
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const found = [];
try {
  const context = await browser.newContext({ deviceScaleFactor: 3, viewport: { width: 900, height: 1200 } });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('about:') && !r.url().startsWith('data:')) requests.push(r.url()); });
  for (const name of readdirSync(svgDir).filter((n) => n.endsWith('.svg')).sort()) {
    // Inline the SVG in an HTML page (Chromium cannot take a full-page screenshot of a bare SVG
    // document); the drawing is the file's own markup, untouched.
    const svg = readFileSync(join(svgDir, name), 'utf8').replace(/^<\?xml[^>]*\?>\s*/, '');
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:#fff">${svg}</body></html>`);
    const base = name.replace(/\.svg$/, '');
    await page.screenshot({ path: join(outDir, `${base}.png`), fullPage: true });
    const boxes = await page.evaluate(() => [...document.querySelectorAll('g[id^="qr-"]')].map((g) => {
      const r = g.getBoundingClientRect();
      return { id: g.id, x: r.x, y: r.y, width: r.width, height: r.height };
    }));
    for (const b of boxes) {
      const pad = 12;
      const file = join(outDir, `${base}.${b.id}.png`);
      await page.screenshot({ path: file, clip: { x: Math.max(0, b.x - pad), y: Math.max(0, b.y - pad),
        width: b.width + 2 * pad, height: b.height + 2 * pad } });
      found.push(`${base} ${b.id} ${file}`);
    }
  }
  if (requests.length) {
    console.error('the flyer made network requests:', requests);
    process.exitCode = 1;
  }
  await context.close();
} finally {
  await browser.close();
}
writeFileSync(join(outDir, 'index.txt'), found.join('\n') + '\n');
console.log(`rendered ${found.length} QR codes`);
