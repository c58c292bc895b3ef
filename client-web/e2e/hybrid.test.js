// Post-quantum recipients in a real Chromium (protocol §9.2). A report to a hybrid team bundle:
// every file the browser uploads has only mlkem768x25519 stanzas, and the team (hybrid identity)
// and the reporter (its hybrid reply identity) open them. And the flag day for a reporter who
// reported before it: its first message after the switch announces its hybrid reply recipient
// (signed by the pinned mailbox key), is encrypted to the hybrid team and that recipient, and from
// then on the conversation is hybrid-only. The checks are Java-free: the npm age package and
// src/crypto/envelope.js.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Decrypter } from "age-encryption";
import { launch, watchedPage, WEB } from "./lib/browser.js";
import { startServer } from "./lib/server.js";
import { makeTeam } from "./lib/team.js";
import { pngWithMetadata } from "./lib/fixtures.js";
import { catalog, finishAndReturn } from "./lib/flow.js";
import { DEPLOYMENT } from "../src/deployment.js";
import { parseEnvelope, pinAfter, verifyReporterMessage } from "../src/crypto/envelope.js";
import { unpad } from "../src/crypto/pad.js";
import { sha256hex } from "../src/protocol.js";

const T = catalog("nl");
let team, context;

before(async () => {
  team = await makeTeam();
  context = await launch();
});
after(async () => {
  await context?.close();
});

/** The stanza types of an age file's header, one per stanza. */
function stanzas(blob) {
  const s = Buffer.from(blob).toString("latin1");
  return s.slice(0, s.indexOf("\n---")).split("\n").filter((l) => l.startsWith("-> ")).map((l) => l.split(" ")[1]);
}

async function opensWith(blob, identity) {
  const d = new Decrypter();
  d.addIdentity(identity);
  try {
    return unpad(await d.decrypt(blob));
  } catch {
    return null;
  }
}

/** The signed envelope of a reporter event, as the team opens it. */
async function envelopeOf(blob) {
  const d = new Decrypter();
  d.addIdentity(team.identity);
  d.addIdentity(team.hybridIdentity);
  return unpad(await d.decrypt(blob));
}

async function report(srv, page, story, photo) {
  await page.goto(srv.origin + "/");
  await page.getByRole("button", { name: T["start.new"], exact: true }).click();
  if (photo) {
    await page.locator("input[type=file]").setInputFiles([{ name: "scan.png", mimeType: "image/png", buffer: Buffer.from(photo) }]);
    await page.waitForSelector(".photo-list li");
  }
  await page.getByLabel(T["report.story.label"], { exact: true }).fill(story);
  await page.getByRole("button", { name: T["report.send"] }).click();
  await page.waitForSelector(".step-receipt", { timeout: 90000 });
  return [...srv.state.mailboxes.entries()].at(-1);
}

async function write(page, text) {
  await page.getByLabel(T["conv.write.label"], { exact: true }).fill(text);
  await page.getByRole("button", { name: T["conv.write.send"] }).click();
  await page.waitForSelector(".conv-notice", { timeout: 60000 });
}

test("a report to a hybrid bundle: every file is hybrid-only and opens for the team and the reporter", async () => {
  const srv = await startServer({ root: WEB, bundle: team.bundle({ hybrid: true }) });
  try {
    const { page, watch } = await watchedPage(context, srv.origin, { lang: "nl" });
    const [mailboxId, box] = await report(srv, page, "Hybride melding. Verhaal-PQ-7710.", pngWithMetadata(40, 30).png);
    assert.deepEqual(box.events.map((e) => e.kind), ["report", "attachment"]);
    assert.deepEqual(stanzas(box.events[0].blob), ["mlkem768x25519", "mlkem768x25519"], "the team and the reporter");
    assert.deepEqual(stanzas(box.events[1].blob), ["mlkem768x25519"], "a photo: the team only");
    // The team's classic identity opens nothing; its hybrid one opens both files.
    assert.equal(await opensWith(box.events[0].blob, team.identity), null);
    assert.ok(await opensWith(box.events[1].blob, team.hybridIdentity));
    const rp = verifyReporterMessage(await envelopeOf(box.events[0].blob), DEPLOYMENT.id, mailboxId, null);
    assert.match(rp.replyRecipient, /^age1pq1/);
    assert.equal(rp.text, "Hybride melding. Verhaal-PQ-7710.");
    assert.equal(rp.attachments[0].sha256, sha256hex(box.events[1].blob));

    // The reporter comes back, rereads its report (hybrid reply identity), gets a hybrid reply.
    await finishAndReturn(page, T);
    await page.waitForSelector(".step-conversation", { timeout: 60000 });
    assert.match(await page.locator(".msg-me").first().innerText(), /Verhaal-PQ-7710/);
    const reply = await team.reply({ mailbox: mailboxId, replyRecipient: rp.replyRecipient, replySeq: 1, lastReporterEvent: sha256hex(box.events.at(-1).blob), text: "Hybride antwoord. Antwoord-PQ-2203." });
    assert.deepEqual(stanzas(reply), ["mlkem768x25519", "mlkem768x25519"]);
    srv.state.addTeamEvent(mailboxId, reply);
    await page.getByRole("button", { name: T["conv.refresh"] }).click();
    await page.waitForSelector(".msg-team");
    assert.match(await page.locator(".msg-team").innerText(), /Antwoord-PQ-2203/);
    assert.equal(await page.locator(".msg-verified").count(), 1);
    await write(page, "Dank je. Bericht-PQ-9931.");
    const follow = box.events.at(-1).blob;
    assert.deepEqual(stanzas(follow), ["mlkem768x25519", "mlkem768x25519"]);
    const m = verifyReporterMessage(await envelopeOf(follow), DEPLOYMENT.id, mailboxId, { mailbox: mailboxId, mailboxKey: rp.mailboxKey, replyRecipient: rp.replyRecipient });
    assert.equal(m.newReplyRecipient, undefined, "a hybrid reporter has nothing to announce");
    assert.equal(await page.locator(".msg-me").count(), 2);
    assert.equal(await page.locator(".notice-warn").count(), 0);
    assert.deepEqual(await watch.problems(), []);
    await page.close();
  } finally {
    await srv.close();
  }
});

test("the flag day: a classic-pinned reporter's next message announces its hybrid reply recipient", async () => {
  const srv = await startServer({ root: WEB, bundle: team.bundle({ version: 1 }) });
  try {
    const { page, watch } = await watchedPage(context, srv.origin, { lang: "nl" });
    const [mailboxId, box] = await report(srv, page, "Voor de omschakeling. Verhaal-FD-1024.");
    assert.deepEqual(stanzas(box.events[0].blob), ["X25519", "X25519"]);
    const rp = verifyReporterMessage(await envelopeOf(box.events[0].blob), DEPLOYMENT.id, mailboxId, null);
    const classicPin = { mailbox: mailboxId, mailboxKey: rp.mailboxKey, replyRecipient: rp.replyRecipient };
    assert.doesNotMatch(rp.replyRecipient, /^age1pq1/);

    // The team switches: bundle version 2 is all-hybrid. Its reply to this reporter is still classic.
    srv.state.bundle = team.bundle({ version: 2, hybrid: true });
    srv.state.addTeamEvent(mailboxId, await team.reply({ mailbox: mailboxId, replyRecipient: rp.replyRecipient, replySeq: 1, bundleVersion: 2, lastReporterEvent: sha256hex(box.events[0].blob), text: "Klassiek antwoord. Antwoord-FD-3341." }));
    await finishAndReturn(page, T);
    await page.waitForSelector(".msg-team", { timeout: 60000 });
    assert.equal(await page.locator(".msg-verified").count(), 1);

    await write(page, "Ik ben terug. Bericht-FD-5150.");
    const announcing = box.events.at(-1).blob;
    assert.deepEqual(stanzas(announcing), ["mlkem768x25519", "mlkem768x25519"], "the hybrid team and the announced recipient");
    const env = await envelopeOf(announcing);
    const a = verifyReporterMessage(env, DEPLOYMENT.id, mailboxId, classicPin);
    assert.equal(a.replyRecipient, rp.replyRecipient, "signed under the classic pin");
    assert.match(a.newReplyRecipient, /^age1pq1/);
    assert.ok(JSON.parse(Buffer.from(parseEnvelope(env).payload).toString("utf8")).newReplyRecipient);
    const hybridPin = pinAfter(classicPin, a);
    assert.throws(() => verifyReporterMessage(env, DEPLOYMENT.id, mailboxId, hybridPin), (e) => e.kind === "KEY_MISMATCH", "never twice");
    assert.equal(await page.locator(".msg-me").count(), 2, "the announcing message is shown back: rereadable");

    // The desk re-pins and replies all-hybrid; the reporter reads it and writes on as a hybrid reporter.
    const reply2 = await team.reply({ mailbox: mailboxId, replyRecipient: a.newReplyRecipient, replySeq: 2, bundleVersion: 2, lastReporterEvent: sha256hex(announcing), text: "Hybride antwoord. Antwoord-FD-7782." });
    assert.deepEqual(stanzas(reply2), ["mlkem768x25519", "mlkem768x25519"]);
    srv.state.addTeamEvent(mailboxId, reply2);
    await page.getByRole("button", { name: T["conv.refresh"] }).click();
    await page.waitForSelector(".msg-team:nth-of-type(4)");
    assert.match((await page.locator(".msg-team").allInnerTexts()).join("|"), /Antwoord-FD-7782/);
    assert.equal(await page.locator(".msg-verified").count(), 2);
    await write(page, "Dank jullie. Bericht-FD-6613.");
    const later = box.events.at(-1).blob;
    assert.deepEqual(stanzas(later), ["mlkem768x25519", "mlkem768x25519"]);
    const m = verifyReporterMessage(await envelopeOf(later), DEPLOYMENT.id, mailboxId, hybridPin);
    assert.equal(m.replyRecipient, a.newReplyRecipient);
    assert.equal(m.newReplyRecipient, undefined);
    assert.equal(await page.locator(".msg-me").count(), 3);
    assert.equal(await page.locator(".notice-warn").count(), 0, "nothing unverified, no gap");
    assert.deepEqual(await watch.problems(), []);
    await page.close();
  } finally {
    await srv.close();
  }
});
