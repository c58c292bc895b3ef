// Drives Debian's Chromium through the reporter flow against a REAL server, one phase per run, so a
// Java end-to-end test can put the desk's work (export → import → reply → outbox) in between:
//
//   node e2e-real/reporter.mjs submit ORIGIN LANG STORY            → prints {"code": "..."}
//   node e2e-real/reporter.mjs return ORIGIN LANG CODE EXPECT FOLLOWUP → prints {"reply": "...", "verified": n, "reread": bool}
//
// Each phase starts a fresh browser profile: a returning reporter has nothing but the code.
// Any CSP violation, console error, request to another origin or storage use fails the phase.
import { launch, shot, watchedPage } from "../e2e/lib/browser.js";
import { catalog, sendMinimalReport } from "../e2e/lib/flow.js";

const [phase, origin, lang, ...rest] = process.argv.slice(2);
const T = catalog(lang);

async function leftovers(context, page) {
  const cookies = await context.cookies();
  const storage = await page.evaluate(async () => ({
    local: localStorage.length, session: sessionStorage.length, idb: (await indexedDB.databases()).length,
  }));
  const out = [];
  if (cookies.length) out.push(`cookies: ${cookies.length}`);
  if (storage.local || storage.session || storage.idb) out.push(`storage: ${JSON.stringify(storage)}`);
  return out;
}

async function main() {
  const context = await launch();
  try {
    const { page, watch } = await watchedPage(context, origin, { lang });
    let result;
    if (phase === "submit") {
      const [story] = rest;
      await sendMinimalReport(page, origin, T, story);
      await page.waitForSelector(".step-receipt", { timeout: 90000 });
      await shot(page, `real-${lang}-1-receipt`);
      result = { code: (await page.locator(".code").innerText()).replace(/\s+/g, "") };
    } else if (phase === "return") {
      const [code, expect, followUp] = rest;
      await page.goto(origin + "/");
      await page.getByRole("button", { name: T["start.return"], exact: true }).click();
      await page.getByLabel(T["return.label"], { exact: true }).fill(code);
      await page.getByRole("button", { name: T["return.submit"], exact: true }).click();
      await page.waitForSelector(".step-conversation", { timeout: 90000 });
      await page.waitForSelector(".msg-team", { timeout: 30000 });
      // The expected reply among all shown (a reporter coming back a second time sees the first one too).
      const replies = await page.locator(".msg-team").allInnerTexts();
      const reply = replies.find((r) => r.includes(expect));
      if (reply === undefined) throw new Error(`reply not shown: ${replies.join(" | ")}`);
      const verified = await page.locator(".msg-verified").count();
      const warnings = await page.locator(".notice-warn").count();
      if (warnings !== 0) throw new Error(`the page warns about the conversation (${warnings})`);
      await shot(page, `real-${lang}-2-reply`);
      await page.getByLabel(T["conv.write.label"], { exact: true }).fill(followUp);
      await page.getByRole("button", { name: T["conv.write.send"] }).click();
      await page.waitForSelector(".conv-notice", { timeout: 60000 });
      await shot(page, `real-${lang}-3-follow-up`);
      // Whether the page shows the follow-up back to its writer (it can reread its own words).
      const reread = (await page.locator(".msg-me").allInnerTexts()).some((m) => m.includes(followUp));
      result = { reply, verified, reread };
    } else {
      throw new Error(`unknown phase ${phase}`);
    }
    const problems = [...(await watch.problems()), ...(await leftovers(context, page))];
    if (problems.length) throw new Error("problems in the page:\n" + problems.join("\n"));
    process.stdout.write(JSON.stringify(result) + "\n");
  } finally {
    await context.close();
  }
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e) + "\n");
  process.exit(1);
});
