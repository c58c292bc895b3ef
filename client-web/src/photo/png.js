// Byte-level PNG cleaning: only the critical chunks IHDR, PLTE, IDAT and IEND are kept. Every
// ancillary chunk (tEXt/zTXt/iTXt with authors and software, eXIf with GPS, tIME, iCCP, pHYs, …) and
// everything after IEND is dropped. Every chunk's CRC is checked so a damaged or crafted file is
// refused rather than half-copied.
import { PhotoError } from "./errors.js";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const KEPT = new Set(["IHDR", "PLTE", "IDAT", "IEND"]);

let table;
function crc32(bytes, from, to) {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = from; i < to; i++) c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const u32 = (b, o) => ((b[o] << 24) >>> 0) + ((b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]);

/**
 * @param {Uint8Array} b the file
 * @returns {{ bytes: Uint8Array, orientation: number }} a PNG holding only critical chunks
 * @throws {PhotoError}
 */
export function cleanPng(b) {
  if (b.length < 8 || SIGNATURE.some((v, k) => b[k] !== v)) throw new PhotoError("format", "no PNG signature");
  const parts = [b.subarray(0, 8)];
  let i = 8;
  let first = true;
  let sawIdat = false;
  for (;;) {
    if (i + 12 > b.length) throw new PhotoError("damaged", "truncated chunk");
    const len = u32(b, i);
    if (len > 0x7fffffff || i + 12 + len > b.length) throw new PhotoError("damaged", "bad chunk length");
    const type = String.fromCharCode(b[i + 4], b[i + 5], b[i + 6], b[i + 7]);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new PhotoError("damaged", "bad chunk type");
    if (crc32(b, i + 4, i + 8 + len) !== u32(b, i + 8 + len)) throw new PhotoError("damaged", `bad CRC in ${type}`);
    if (first && (type !== "IHDR" || len !== 13)) throw new PhotoError("damaged", "IHDR not first");
    first = false;
    const critical = (b[i + 4] & 0x20) === 0;
    if (critical && !KEPT.has(type)) throw new PhotoError("format", `unknown critical chunk ${type}`);
    if (type === "IDAT") sawIdat = true;
    if (KEPT.has(type)) parts.push(b.subarray(i, i + 12 + len));
    i += 12 + len;
    if (type === "IEND") break; // trailing bytes after IEND are dropped
  }
  if (!sawIdat) throw new PhotoError("damaged", "no image data");
  let size = 0;
  for (const p of parts) size += p.length;
  const bytes = new Uint8Array(size);
  let o = 0;
  for (const p of parts) { bytes.set(p, o); o += p.length; }
  return { bytes, orientation: 0 };
}
