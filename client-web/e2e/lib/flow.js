// Steps shared by the browser tests: a catalog-driven walk through the interface, so the same code
// drives every language.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import decodeQR from "qr/decode.js";
import { axe, shot, WEB } from "./browser.js";

export const catalog = (lang) => JSON.parse(readFileSync(join(WEB, "i18n", `${lang}.json`), "utf8"));
export const fill = (s, params) => s.replace(/\{(\w+)\}/g, (_, k) => params[k]);

/** Screenshot, axe, no overflow at 320 px, no missing catalog key, big enough touch targets. */
export async function checkStep(page, name, problems) {
  await shot(page, name);
  for (const v of await axe(page)) problems.push(`${name}: axe ${v}`);
  const missing = await page.evaluate(() => document.body.innerText.match(/⟦[^⟧]+⟧/g) ?? []);
  for (const m of missing) problems.push(`${name}: missing catalog key ${m}`);
  const small = await page.evaluate(() => [...document.querySelectorAll(".btn, .choice, .langs summary")]
    .filter((el) => el.offsetParent !== null)
    .map((el) => [el.textContent.trim().slice(0, 30), el.getBoundingClientRect()])
    .filter(([, r]) => r.height < 44 || r.width < 44).map(([t, r]) => `${t} ${Math.round(r.width)}×${Math.round(r.height)}`));
  for (const s of small) problems.push(`${name}: touch target too small: ${s}`);
  await page.setViewportSize({ width: 320, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) problems.push(`${name}: horizontal overflow of ${overflow}px at 320px`);
  await page.setViewportSize({ width: 360, height: 740 });
}

/** A real JPEG drawn by Chromium's canvas (a photo-like gradient with text), as bytes. */
export async function chromiumJpeg(context) {
  const p = await context.newPage();
  const b64 = await p.evaluate(() => {
    const c = document.createElement("canvas");
    c.width = 96; c.height = 64;
    const g = c.getContext("2d");
    const grad = g.createLinearGradient(0, 0, 96, 64);
    grad.addColorStop(0, "#c33"); grad.addColorStop(1, "#36c");
    g.fillStyle = grad; g.fillRect(0, 0, 96, 64);
    g.fillStyle = "#fff"; g.font = "16px sans-serif"; g.fillText("Huur €950", 6, 36);
    return c.toDataURL("image/jpeg", 0.9).split(",")[1];
  });
  await p.close();
  return new Uint8Array(Buffer.from(b64, "base64"));
}

/** Decodes image bytes in the page with Chromium's decoder, ignoring EXIF orientation. */
export async function decodeInPage(page, bytes, type) {
  return page.evaluate(async ({ b64, type }) => {
    const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bin], { type }), { imageOrientation: "none" });
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const g = c.getContext("2d");
    g.drawImage(bmp, 0, 0);
    const d = g.getImageData(0, 0, bmp.width, bmp.height);
    return { width: d.width, height: d.height, data: Array.from(d.data) };
  }, { b64: Buffer.from(bytes).toString("base64"), type });
}

/** Reads the QR in an image (bytes) by decoding the pixels in Chromium and the QR in node. */
export async function readQr(page, bytes, type) {
  const img = await decodeInPage(page, bytes, type);
  return decodeQR({ width: img.width, height: img.height, data: Uint8ClampedArray.from(img.data) }, { effort: Infinity, timeLimit: Infinity });
}

export async function readCode(page) {
  return (await page.locator(".code").innerText()).replace(/\s+/g, "");
}

/** Opens the app and writes a minimal report (story only); returns after pressing send. */
export async function sendMinimalReport(page, origin, T, story = "Mijn kamerhuur is zonder overleg verhoogd.") {
  await page.goto(origin + "/");
  await page.getByRole("button", { name: T["start.new"], exact: true }).click();
  await page.getByLabel(T["report.story.label"], { exact: true }).fill(story);
  await page.getByRole("button", { name: T["report.send"] }).click();
}

/** From a receipt page: confirm, finish, and open the mailbox again with `typed`. */
export async function finishAndReturn(page, T, typed) {
  const code = await readCode(page);
  await page.getByLabel(T["receipt.confirm.label"]).fill(code.slice(-4));
  await page.getByRole("button", { name: T["receipt.confirm.button"] }).click();
  await page.getByRole("button", { name: T["receipt.finish"] }).click();
  await page.getByRole("button", { name: T["start.return"], exact: true }).click();
  await page.getByLabel(T["return.label"], { exact: true }).fill(typed ? typed(code) : code);
  await page.getByRole("button", { name: T["return.submit"], exact: true }).click();
  return code;
}
