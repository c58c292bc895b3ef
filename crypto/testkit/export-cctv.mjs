// Writes every cctv-age vector to <outdir>/<name>, byte for byte, so the Java tests can read them
// as plain files. The vectors come from the npm package pinned in package-lock.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as vectors from "cctv-age";

const out = process.argv[2];
if (!out) {
  console.error("usage: node export-cctv.mjs OUTDIR");
  process.exit(2);
}
mkdirSync(out, { recursive: true });
let n = 0;
for (const [name, bytes] of Object.entries(vectors)) {
  if (!(bytes instanceof Uint8Array)) continue;
  writeFileSync(join(out, name), bytes);
  n++;
}
if (n < 100) {
  console.error(`only ${n} vectors exported; the cctv-age package looks wrong`);
  process.exit(1);
}
console.log(`exported ${n} cctv-age vectors to ${out}`);
