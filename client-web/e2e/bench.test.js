// Send → receipt under a 4× CPU-throttled Chromium (the budget: within 3 s, Argon2id
// included), with and without WebAssembly. Writes target/benchmarks.json for docs/benchmarks.md.
// The proof-of-work difficulty is the server's choice; it is measured at two levels so the server
// can pick one that fits the budget.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launch, watchedPage, WEB } from "./lib/browser.js";
import { startServer } from "./lib/server.js";
import { makeTeam } from "./lib/team.js";
import { catalog } from "./lib/flow.js";

const T = catalog("en");
const results = { cpuThrottle: 4, runs: {} };
let team, srv, context;

before(async () => {
  team = await makeTeam();
  srv = await startServer({ root: WEB, bundle: team.bundle() });
  context = await launch();
});
after(async () => {
  writeFileSync(join(WEB, "..", "..", "benchmarks.json"), JSON.stringify(results, null, 1) + "\n");
  await context?.close();
  await srv?.close();
});

async function sendOnce({ noWasm, difficulty, bundle }) {
  srv.state.difficulty = difficulty;
  if (bundle) srv.state.bundle = bundle;
  const { page, watch } = await watchedPage(context, srv.origin, { noWasm });
  const cdp = await context.newCDPSession(page);
  await page.goto(srv.origin + "/");
  await page.getByRole("button", { name: T["start.new"], exact: true }).click();
  await page.getByLabel(T["report.story.label"], { exact: true }).fill("Benchmark report. ".repeat(40));
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const t0 = Date.now();
  await page.getByRole("button", { name: T["report.send"] }).click();
  await page.waitForSelector(".step-receipt", { timeout: 300000 });
  const ms = Date.now() - t0;
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  assert.deepEqual(await watch.problems(), []);
  await page.close();
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const difficulty of [12, 16, 20]) {
  test(`WebAssembly, puzzle ${difficulty} bits: send → receipt (median of 3; 1 run at 20)`, async () => {
    const runs = [];
    for (let i = 0; i < (difficulty === 20 ? 1 : 3); i++) runs.push(await sendOnce({ noWasm: false, difficulty }));
    results.runs[`wasm-pow${difficulty}`] = { runsMs: runs, medianMs: median(runs) };
    console.log(`wasm, pow ${difficulty}: ${runs.join(", ")} ms`);
    if (difficulty === 12) assert.ok(median(runs) < 3000, `median ${median(runs)} ms ≥ 3000 ms`);
  });
}

test("no WebAssembly, reduced puzzle 12 bits: send → receipt (measured, no budget)", async () => {
  srv.state.reducedDifficulty = 12;
  const ms = await sendOnce({ noWasm: true, difficulty: 20 });
  results.runs["nowasm-reduced12"] = { runsMs: [ms], medianMs: ms };
  console.log(`no wasm, reduced pow 12: ${ms} ms`);
});

// Post-quantum cost (docs/benchmarks.md §6): the same send against a classic and a hybrid bundle
// (one member), alternating in one run so both see the same machine. Key derivation is the same for
// both — the client derives its hybrid reply recipient (one ML-KEM-768 key generation) whatever the
// bundle — so the difference is the encapsulations (team + reporter) and the larger upload.
test("post-quantum cost: classic vs hybrid bundle, WebAssembly, puzzle 12 (alternating, median of 5 each)", async () => {
  const classic = team.bundle();
  const hybrid = team.bundle({ hybrid: true });
  const runs = { classic: [], hybrid: [] };
  const bytes = { classic: 0, hybrid: 0 };
  for (let i = 0; i < 5; i++) {
    for (const kind of ["classic", "hybrid"]) {
      runs[kind].push(await sendOnce({ noWasm: false, difficulty: 12, bundle: kind === "hybrid" ? hybrid : classic }));
      const report = [...srv.state.mailboxes.values()].at(-1).events[0].blob;
      const types = new Set(Buffer.from(report).toString("latin1").split("\n").filter((l) => l.startsWith("-> ")).map((l) => l.split(" ")[1]));
      assert.deepEqual([...types], [kind === "hybrid" ? "mlkem768x25519" : "X25519"]);
      bytes[kind] = report.length;
    }
  }
  srv.state.bundle = classic;
  for (const kind of ["classic", "hybrid"]) {
    results.runs[`pq-${kind}-pow12`] = { runsMs: runs[kind], medianMs: median(runs[kind]), reportBytes: bytes[kind] };
    console.log(`post-quantum cost, ${kind} bundle: ${runs[kind].join(", ")} ms (median ${median(runs[kind])}), report file ${bytes[kind]} B`);
  }
});
