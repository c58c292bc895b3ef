// What must hold when things go wrong or someone interferes: a bundle the client cannot trust is
// refused before anything is encrypted or sent; a returning reporter refuses an older bundle;
// forged, foreign and missing replies are caught; quick exit leaves no way back; the pure-JS path
// (no WebAssembly, as in Tor Browser "Safer") works end to end and asks for an easier puzzle.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { launch, shot, watchedPage, WEB } from "./lib/browser.js";
import { startServer } from "./lib/server.js";
import { makeTeam } from "./lib/team.js";
import { catalog, finishAndReturn, readCode, sendMinimalReport } from "./lib/flow.js";
import { sha256hex } from "../src/protocol.js";

const T = catalog("en");
let team, srv, context;

before(async () => {
  team = await makeTeam();
  srv = await startServer({ root: WEB, bundle: team.bundle() });
  context = await launch();
});
after(async () => { await context?.close(); await srv?.close(); });

const creates = () => srv.state.log.filter((l) => l.path === "/api/v1/mailbox/create").length;

describe("team bundle refusals: nothing is sent", () => {
  const otherRoot = new Uint8Array(32).fill(7);
  const cases = {
    tampered: () => {
      const outer = JSON.parse(team.bundle());
      const p = JSON.parse(Buffer.from(outer.payload, "base64").toString("utf8"));
      p.recipients.push("age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq"); // an attacker's key
      outer.payload = Buffer.from(JSON.stringify(p)).toString("base64");
      return JSON.stringify(outer);
    },
    "signed by another root key": () => team.bundle({ rootSeed: otherRoot }),
    "another deployment": () => team.bundle({ mutate: (p) => { p.deployment = "klachtenbalie-elsewhere"; } }),
    "weakened Argon2 parameters": () => team.bundle({ mutate: (p) => { p.argon2.m = 8; } }),
    expired: () => team.bundle({ expiresInDays: -3 }),
    "not JSON": () => "<html>maintenance</html>",
  };
  for (const [name, make] of Object.entries(cases)) {
    test(name, async () => {
      srv.state.bundle = make();
      const before = creates();
      const { page, watch } = await watchedPage(context, srv.origin);
      await sendMinimalReport(page, srv.origin, T);
      await page.waitForSelector(".step-send .notice-error");
      assert.match(await page.locator(".notice-error").innerText(), new RegExp(T["send.error.bundle"].slice(0, 40)));
      assert.equal(creates(), before, "no mailbox created");
      assert.equal(await page.locator(".stage.is-done").count(), 0, "stopped at the first stage");
      if (name === "tampered") await shot(page, "en-x-bundle-refused");
      assert.deepEqual(await watch.problems(), []);
      await page.close();
      srv.state.bundle = team.bundle();
    });
  }
});

test("a returning reporter refuses a bundle older than the one its own report recorded", async () => {
  srv.state.bundle = team.bundle({ version: 3 });
  const { page, watch } = await watchedPage(context, srv.origin);
  await sendMinimalReport(page, srv.origin, T);
  await page.waitForSelector(".step-receipt");
  srv.state.bundle = team.bundle({ version: 2 });
  await finishAndReturn(page, T);
  await page.waitForSelector(".error-summary");
  assert.match(await page.locator(".error-summary").innerText(), new RegExp(T["return.error.unavailable"].slice(0, 30)));
  srv.state.bundle = team.bundle({ version: 3 });
  await page.getByRole("button", { name: T["return.submit"], exact: true }).click();
  await page.waitForSelector(".step-conversation");
  assert.deepEqual(await watch.problems(), []);
  await page.close();
  srv.state.bundle = team.bundle();
});

test("forged, foreign and missing replies: not shown, and the reporter is told", async () => {
  const { page, watch } = await watchedPage(context, srv.origin);
  await sendMinimalReport(page, srv.origin, T);
  await page.waitForSelector(".step-receipt");
  const [id, box] = [...srv.state.mailboxes.entries()].at(-1);
  const report = (await team.open(box.events[0].blob)).payload;
  const base = { mailbox: id, replyRecipient: report.replyRecipient, lastReporterEvent: sha256hex(box.events[0].blob) };
  // 1: signed by a key that is not in the bundle; 2: a genuine reply meant for another mailbox;
  // 3: a genuine reply with sequence number 2 while no valid 1 exists → a gap.
  srv.state.addTeamEvent(id, await team.reply({ ...base, replySeq: 1, text: "FORGED reply", key: new Uint8Array(32).fill(9) }));
  srv.state.addTeamEvent(id, await team.reply({ ...base, mailbox: "00".repeat(16), replySeq: 1, text: "FOREIGN reply" }));
  srv.state.addTeamEvent(id, await team.reply({ ...base, replySeq: 2, text: "Genuine second reply" }));
  await finishAndReturn(page, T, (c) => c.replace(/\d{4}/g, "$& ").replace(/\d/g, (d) => "٠١٢٣٤٥٦٧٨٩"[d]));
  await page.waitForSelector(".step-conversation");
  const text = await page.locator("main").innerText();
  assert.ok(!text.includes("FORGED") && !text.includes("FOREIGN"), "unverifiable replies are not shown");
  assert.ok(text.includes("Genuine second reply"));
  assert.ok(text.includes(T["conv.gap"]), "gap announced");
  assert.ok(text.includes(T["conv.unverified"]), "unverifiable message announced");
  await shot(page, "en-x-forged-and-gap");
  assert.deepEqual(await watch.problems(), []);
  await page.close();
});

describe("quick exit", () => {
  for (const how of ["button", "Escape key"]) {
    test(`${how}: leaves to a neutral site, wipes the page, leaves no way back`, async () => {
      await context.route("https://www.buienradar.nl/**", (r) => r.fulfill({ status: 200, contentType: "text/html", body: "<title>Weer</title>weather" }));
      const { page, watch } = await watchedPage(context, srv.origin, { allowExit: true });
      await page.goto("about:blank"); // where the reporter was before
      await page.goto(srv.origin + "/");
      await page.getByRole("button", { name: T["start.new"], exact: true }).click();
      await page.getByLabel(T["report.story.label"], { exact: true }).fill("half written");
      const length = await page.evaluate(() => history.length);
      if (how === "button") await page.getByRole("button", { name: T["app.exit"] }).click();
      else await page.keyboard.press("Escape");
      await page.waitForURL("https://www.buienradar.nl/");
      assert.equal(await page.evaluate(() => history.length), length, "history entry replaced, not added");
      await page.goBack();
      assert.ok(!page.url().endsWith(":" + new URL(srv.origin).port + "/"), `Back does not return to the desk: ${page.url()}`);
      assert.deepEqual(await watch.problems(), []);
      await page.close();
      await context.unroute("https://www.buienradar.nl/**");
    });
  }
});

test("without WebAssembly (Tor Browser 'Safer'): pure-JS Argon2, the reduced puzzle, same result", async () => {
  const { page, watch } = await watchedPage(context, srv.origin, { noWasm: true });
  await page.addInitScript(() => {
    globalThis.__statuses = [];
    new MutationObserver(() => {
      const s = document.querySelector(".status")?.textContent;
      if (s && s !== globalThis.__statuses.at(-1)) globalThis.__statuses.push(s);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const before = srv.state.reducedCreates;
  srv.state.difficulty = 24; // out of reach in a test: only the reduced puzzle (6 bits) can be what the client solved
  await sendMinimalReport(page, srv.origin, T);
  await page.waitForSelector(".step-receipt", { timeout: 120000 });
  const statuses = await page.evaluate(() => globalThis.__statuses);
  assert.ok(statuses.some((s) => s.includes(T["send.stage.keys_slow"])), "honest about the slow path");
  assert.ok(statuses.some((s) => /\d+ %/.test(s)), "shows progress of the pure-JS Argon2");
  assert.equal(await page.evaluate(() => typeof WebAssembly), "undefined");
  assert.equal(srv.state.reducedCreates, before + 1, "stopped at the reduced puzzle difficulty");
  srv.state.difficulty = 10;
  const code = await readCode(page);
  await finishAndReturn(page, T);
  await page.waitForSelector(".step-conversation", { timeout: 120000 });
  assert.match(await page.locator(".msg-me").innerText(), /kamerhuur/);
  assert.match(code, /^1\d{23}$/);
  assert.deepEqual(await watch.problems(), []);
  await page.close();
});

test("a mistyped code never reaches the network; a non-code is named as such", async () => {
  const { page, watch } = await watchedPage(context, srv.origin);
  await page.goto(srv.origin + "/");
  await page.getByRole("button", { name: T["start.return"], exact: true }).click();
  const n = srv.state.log.length;
  for (const [typed, key] of [["hello", "return.error.not-a-code"], ["1234 5678 9012 3456 7890 1234", "return.error.check"], ["1234", "return.error.check"]]) {
    await page.getByLabel(T["return.label"], { exact: true }).fill(typed);
    await page.getByRole("button", { name: T["return.submit"], exact: true }).click();
    await page.waitForFunction((msg) => document.querySelector(".error-summary")?.textContent.includes(msg), T[key]);
  }
  assert.equal(srv.state.log.length, n, "no request at all");
  assert.deepEqual(await watch.problems(), []);
  await page.close();
});
