// Post-quantum cost, the encryption step alone (docs/benchmarks.md §6): a padded 8 KiB report
// encrypted with the browser's own age package (age-encryption) to a team of n members plus the
// reporter, all-hybrid vs all-classic, alternating in one process, plus the one ML-KEM-768 key
// generation that deriving the hybrid reply recipient costs. Node on this machine, no throttling:
// multiply by the device's slowdown. Usage: node e2e-bench/pq-encrypt.bench.js [rounds]
import { Encrypter, generateHybridIdentity, generateX25519Identity, identityToRecipient } from "age-encryption";

const rounds = Number(process.argv[2] ?? 200);
const plain = crypto.getRandomValues(new Uint8Array(8192));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function recipients(hybrid, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await identityToRecipient(hybrid ? await generateHybridIdentity() : await generateX25519Identity()));
  return out;
}

async function encryptMs(to) {
  const t0 = performance.now();
  const e = new Encrypter();
  for (const r of to) e.addRecipient(r);
  const file = await e.encrypt(plain);
  return [performance.now() - t0, file.length];
}

const rows = [];
for (const members of [1, 3]) {
  const to = { classic: await recipients(false, members + 1), hybrid: await recipients(true, members + 1) };
  const ms = { classic: [], hybrid: [] };
  const size = {};
  for (let i = 0; i < 20; i++) for (const k of ["classic", "hybrid"]) await encryptMs(to[k]); // warm-up
  for (let i = 0; i < rounds; i++) {
    for (const k of ["classic", "hybrid"]) {
      const [t, len] = await encryptMs(to[k]);
      ms[k].push(t);
      size[k] = len;
    }
  }
  rows.push({ members, classicMs: median(ms.classic), hybridMs: median(ms.hybrid), classicBytes: size.classic, hybridBytes: size.hybrid });
}
const keygen = [];
for (let i = 0; i < 50; i++) {
  const id = await generateHybridIdentity();
  const t0 = performance.now();
  await identityToRecipient(id);
  keygen.push(performance.now() - t0);
}
for (const r of rows) {
  console.log(`| 6 post-quantum encrypt | 8 KiB report to ${r.members} member(s) + reporter, age-encryption in node ${process.version}, median of ${rounds}, alternating: hybrid (${r.hybridBytes} B) vs classic (${r.classicBytes} B) | ${r.hybridMs.toFixed(2)} ms | ${r.classicMs.toFixed(2)} ms (classic) | ${(r.classicMs / r.hybridMs).toFixed(2)} | (cost) | — |`);
}
console.log(`| 6 post-quantum encrypt | hybrid reply recipient from its seed (one ML-KEM-768 key generation), median of 50 | ${median(keygen).toFixed(2)} ms | — | — | (cost) | — |`);
