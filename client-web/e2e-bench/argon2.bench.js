// Argon2id alone (the receipt-code KDF: m = 19456 KiB, t = 2, p = 1, 32 bytes — src/deployment.js) in
// Debian's Chromium with 4× CPU throttling: hash-wasm (WebAssembly, what the client uses) against
// @noble/hashes (pure JavaScript, the no-WebAssembly fallback). Writes target/argon2-bench.json.
// Usage: node e2e-bench/argon2.bench.js [--quick]
import { build } from "esbuild";
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { launch, CLIENT } from "../e2e/lib/browser.js";

const quick = process.argv.includes("--quick");
const runs = quick ? 1 : 3;
const bundle = await build({
  stdin: {
    contents: `
      import { argon2id as wasm } from "hash-wasm";
      import { argon2id as noble } from "@noble/hashes/argon2.js";
      const P = { m: 19456, t: 2, p: 1, dkLen: 32 };
      const salt = new Uint8Array(16).fill(7);
      const password = new TextEncoder().encode("123456789012345678901234");
      globalThis.kdf = {
        async wasm() { const t0 = performance.now(); await wasm({ password, salt, parallelism: P.p, iterations: P.t, memorySize: P.m, hashLength: P.dkLen, outputType: "binary" }); return performance.now() - t0; },
        async noble() { const t0 = performance.now(); noble(password, salt, { m: P.m, t: P.t, p: P.p, dkLen: P.dkLen }); return performance.now() - t0; },
      };`,
    resolveDir: CLIENT,
  },
  bundle: true, write: false, format: "iife", platform: "browser",
});
const script = bundle.outputFiles[0].text;

const context = await launch();
const results = { cpuThrottle: 4, params: { m: 19456, t: 2, p: 1 }, chromium: context.browser()?.version() ?? null, runsMs: {} };
try {
  const page = await context.newPage();
  await page.setContent("<!doctype html><title>argon2 bench</title>");
  await page.addScriptTag({ content: script });
  const cdp = await context.newCDPSession(page);
  await page.evaluate(() => globalThis.kdf.wasm()); // warm-up: instantiate the module unthrottled
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  for (const impl of ["wasm", "noble"]) {
    results.runsMs[impl] = [];
    for (let i = 0; i < runs; i++) results.runsMs[impl].push(Math.round(await page.evaluate((k) => globalThis.kdf[k](), impl)));
    console.log(`argon2id ${impl} at 4x throttling: ${results.runsMs[impl].join(", ")} ms`);
  }
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
} finally {
  await context.close();
}
mkdirSync(join(CLIENT, "target"), { recursive: true });
writeFileSync(join(CLIENT, "target", "argon2-bench.json"), JSON.stringify(results, null, 1) + "\n");
