// The whole reporter flow in a real Chromium at 360×740, in every language the interface has:
// start → report (photos first) → send → receipt (saved image, retype check) → return with the code
// → the team's reply arrives and verifies → a follow-up → forget me. Every step: screenshot, axe
// (WCAG 2.1 A/AA), no overflow at 320 px, large touch targets, no missing catalog key; and for the
// whole walk: no CSP violation, no console error, no request to another origin, no cookie or storage.
//
// Runs against e2e/lib/server.js (the production CSP + an in-memory API mock) until the real server
// lands; run `node build.mjs target/classes/web` first.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { launch, watchedPage, WEB } from "./lib/browser.js";
import { startServer } from "./lib/server.js";
import { makeTeam } from "./lib/team.js";
import { SECRETS, addJpegMetadata, containsAscii, pngWithMetadata } from "./lib/fixtures.js";
import { catalog, checkStep, chromiumJpeg, decodeInPage, fill, readCode, readQr } from "./lib/flow.js";
import { LANGUAGES } from "../src/languages.js";
import { sha256hex } from "../src/protocol.js";

const LANGS = (process.env.KB_LANGS ?? LANGUAGES.map((l) => l.code).join(",")).split(",");
let team, srv, context, plainJpeg, jpeg, png;

before(async () => {
  team = await makeTeam();
  srv = await startServer({ root: WEB, bundle: team.bundle() });
  context = await launch();
  plainJpeg = await chromiumJpeg(context);
  jpeg = addJpegMetadata(plainJpeg);
  png = pngWithMetadata(40, 30).png;
});
after(async () => {
  await context?.close();
  await srv?.close();
});

describe("reporter flow", () => {
  for (const lang of LANGS) {
    test(`${lang}: report, receipt, return, reply, follow-up, forget`, async () => {
      const T = catalog(lang);
      const problems = [];
      const { page, watch } = await watchedPage(context, srv.origin, { lang });
      const n = (i, name) => `${lang}-${i}-${name}`;

      await page.goto(srv.origin + "/");
      await page.waitForSelector(".step-start h1");
      assert.equal(await page.title(), "Notes");
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      await checkStep(page, n(1, "start"), problems);

      // Report: photos first, then an attempt without a story (error summary), then the form.
      await page.getByRole("button", { name: T["start.new"], exact: true }).click();
      await page.waitForSelector(".step-report");
      await page.locator("input[type=file]").setInputFiles([
        { name: "IMG_2041.jpg", mimeType: "image/jpeg", buffer: Buffer.from(jpeg) },
        { name: "scan.png", mimeType: "image/png", buffer: Buffer.from(png) },
        { name: "notes.gif", mimeType: "image/gif", buffer: Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1") },
      ]);
      await page.waitForSelector(".photo-list li:nth-child(2)");
      assert.match(await page.locator(".photos .error-msg").innerText(), /notes\.gif/);
      await page.getByRole("button", { name: T["report.send"] }).click();
      await page.waitForSelector(".error-summary");
      assert.equal(await page.evaluate(() => document.activeElement?.className), "error-summary");
      await checkStep(page, n(2, "report-error"), problems);

      await page.getByLabel(T["report.kind.complaint"], { exact: true }).check();
      await page.getByLabel(T["report.story.label"], { exact: true }).fill("De exploitant houdt de helft van mijn fooien in. Ik krijg geen loonstrook.\nWat kan ik doen?");
      await page.getByLabel(T["report.about.operator"], { exact: true }).check();
      await page.getByLabel(T["report.topics.work"], { exact: true }).check();
      await page.getByLabel(T["report.place.label"], { exact: true }).fill("Utrecht");
      const month = await page.getByLabel(T["report.when.legend"], { exact: true }).locator("option").nth(3).getAttribute("value");
      await page.getByLabel(T["report.when.legend"], { exact: true }).selectOption(month);
      await page.getByLabel(T["report.want.info"], { exact: true }).check();
      await page.getByLabel(T["report.reach.anonymous"], { exact: true }).check();
      await page.getByLabel(T["report.reporter.self"], { exact: true }).check();
      await page.getByLabel(T["report.caseworker.woman"], { exact: true }).check();
      await checkStep(page, n(2, "report"), problems);

      // Send: slow the server a little so the progress screen can be seen and checked.
      srv.state.delayMs = 400;
      await page.getByRole("button", { name: T["report.send"] }).click();
      await page.waitForSelector(".step-send .stage.is-current");
      await checkStep(page, n(3, "send"), problems);
      await page.waitForSelector(".step-receipt", { timeout: 60000 });
      srv.state.delayMs = 0;

      // Receipt: code, QR, saved image, retype check.
      const code = await readCode(page);
      assert.match(code, /^1\d{23}$/);
      await checkStep(page, n(4, "receipt"), problems);
      const dl = page.waitForEvent("download");
      await page.getByRole("link", { name: T["receipt.keep.save"] }).click();
      const download = await dl;
      assert.equal(download.suggestedFilename(), "image.gif");
      const gif = new Uint8Array(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c)));
      assert.equal(Buffer.from(gif.subarray(0, 6)).toString("latin1"), "GIF89a");
      assert.equal(await readQr(page, gif, "image/gif"), code, "the saved image's QR holds the code");
      await page.getByLabel(T["receipt.confirm.label"]).fill("0000" === code.slice(-4) ? "1111" : "0000");
      await page.getByRole("button", { name: T["receipt.confirm.button"] }).click();
      await page.waitForSelector(".step-receipt .field-error");
      await page.getByLabel(T["receipt.confirm.label"]).fill(code.slice(-4));
      await page.getByRole("button", { name: T["receipt.confirm.button"] }).click();
      await page.waitForSelector(".confirm-ok");
      await checkStep(page, n(4, "receipt-confirmed"), problems);

      // What reached the server: only ciphertext; the desk can open it; photos carry no metadata.
      const [mailboxId, box] = [...srv.state.mailboxes.entries()].at(-1);
      assert.deepEqual(box.events.map((e) => e.kind), ["report", "attachment", "attachment"]);
      for (const e of box.events) for (const s of ["helft", "Utrecht", ...SECRETS]) assert.ok(!containsAscii(e.blob, s), "ciphertext only");
      const report = await team.open(box.events[0].blob);
      const rp = report.payload;
      assert.equal(rp.format, "klachtenbalie-reporter-msg/v1");
      assert.equal(rp.kind, "report");
      assert.equal(rp.mailbox, mailboxId);
      assert.equal(rp.seq, 1);
      assert.equal(rp.lang, lang);
      assert.match(rp.text, /helft van mijn fooien/);
      assert.deepEqual({ ...rp.form, month: undefined }, {
        kind: "complaint", about: "exploitant", topic: "work", place: "Utrecht", month: undefined, wants: "rights_info",
        consent: "anonymous", reporter: "self", caseworkerGender: "woman", replyLang: lang,
      });
      assert.match(rp.form.month, /^\d{4}-\d{2}$/);
      assert.deepEqual(rp.attachments.map((a) => [a.seq, a.type, a.sha256]), [
        [2, "image/jpeg", sha256hex(box.events[1].blob)], [3, "image/png", sha256hex(box.events[2].blob)]]);
      const photo1 = await team.decrypt(box.events[1].blob);
      const photo2 = await team.decrypt(box.events[2].blob);
      for (const ph of [photo1, photo2]) {
        for (const s of [...SECRETS, "Exif", "ICC_PROFILE", "http://ns.adobe.com", "tEXt", "eXIf", "iTXt", "tIME"]) assert.ok(!containsAscii(ph, s), `photo free of ${s}`);
      }
      assert.equal(rp.attachments[0].bytes, photo1.length);
      const cleanDecoded = await decodeInPage(page, photo1, "image/jpeg");
      const originalDecoded = await decodeInPage(page, plainJpeg, "image/jpeg");
      assert.equal(cleanDecoded.width, 96);
      assert.deepEqual(cleanDecoded.data, originalDecoded.data, "cleaned JPEG decodes to the same pixels");
      const pngDecoded = await decodeInPage(page, photo2, "image/png");
      assert.equal(pngDecoded.width, 40);

      // Finish wipes the page; come back with the code typed with dashes.
      await page.getByRole("button", { name: T["receipt.finish"] }).click();
      await page.waitForSelector(".step-start");
      await page.getByRole("button", { name: T["start.return"], exact: true }).click();
      await page.waitForSelector(".step-return");
      await checkStep(page, n(5, "return"), problems);
      const wrong = code.slice(0, 5) + ((+code[5] + 1) % 10) + code.slice(6);
      const apiCalls = () => srv.state.log.filter((l) => l.path.startsWith("/api/")).length;
      const before = apiCalls();
      await page.getByLabel(T["return.label"], { exact: true }).fill(wrong);
      await page.getByRole("button", { name: T["return.submit"], exact: true }).click();
      await page.waitForSelector(".error-summary");
      assert.equal(apiCalls(), before, "a mistyped code is caught before any network call");
      await checkStep(page, n(5, "return-error"), problems);
      await page.getByLabel(T["return.label"], { exact: true }).fill(code.match(/.{4}/g).join("-"));
      await page.getByRole("button", { name: T["return.submit"], exact: true }).click();
      await page.waitForSelector(".step-conversation", { timeout: 60000 });
      assert.match(await page.locator(".msg-me").first().innerText(), /helft van mijn fooien/);
      assert.match(await page.locator(".msg-me").first().innerText(), new RegExp(fill(T["conv.photos"], { n: 2 }).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
      await checkStep(page, n(6, "conversation"), problems);

      // The team replies (as the desk would); the reporter refreshes and sees it verified.
      srv.state.addTeamEvent(mailboxId, await team.reply({
        mailbox: mailboxId, replyRecipient: rp.replyRecipient, replySeq: 1, lastReporterEvent: sha256hex(box.events.at(-1).blob),
        text: "Dank voor je bericht. Dit mag niet: fooien zijn van jou. We bellen niemand zonder jouw toestemming.",
      }));
      await page.getByRole("button", { name: T["conv.refresh"] }).click();
      await page.waitForSelector(".msg-team");
      assert.match(await page.locator(".msg-team").innerText(), /fooien zijn van jou/);
      assert.equal(await page.locator(".msg-verified").count(), 1);
      assert.equal(await page.locator(".notice-warn").count(), 0, "no gap, nothing unverified");
      await checkStep(page, n(7, "reply"), problems);

      // A follow-up, bound to the conversation.
      await page.getByLabel(T["conv.write.label"], { exact: true }).fill("Dank je. Mag ik mijn loonstroken opvragen?");
      await page.getByRole("button", { name: T["conv.write.send"] }).click();
      await page.waitForSelector(".conv-notice");
      const follow = (await team.open(box.events.at(-1).blob)).payload;
      assert.equal(follow.kind, "message");
      assert.equal(follow.seq, 5, "the server seq it got: report, 2 photos, reply, this");
      assert.equal(follow.lastSeen, sha256hex(box.events.at(-2).blob), "bound to the last event seen (the reply)");
      assert.equal(await page.locator(".msg-me").count(), 2);
      await checkStep(page, n(8, "follow-up"), problems);

      // Forget me, with confirmation.
      await page.getByRole("button", { name: T["conv.forget.button"] }).click();
      await page.waitForSelector("#forget-q");
      await checkStep(page, n(9, "forget-confirm"), problems);
      await page.getByRole("button", { name: T["conv.forget.yes"] }).click();
      await page.waitForSelector(".step-forgotten");
      assert.ok(!srv.state.mailboxes.has(mailboxId), "mailbox deleted on the server");
      await checkStep(page, n(9, "forgotten"), problems);

      // Nothing left behind on the device, nothing leaked.
      assert.deepEqual(await context.cookies(), []);
      const storage = await page.evaluate(async () => ({
        local: localStorage.length, session: sessionStorage.length, idb: (await indexedDB.databases()).length, caches: (await caches.keys()).length,
      }));
      assert.deepEqual(storage, { local: 0, session: 0, idb: 0, caches: 0 });
      problems.push(...(await watch.problems()));
      await page.close();
      assert.deepEqual(problems, []);
    });
  }
});
