// Photo cleaning: the output must carry no metadata, keep every decoding segment byte for byte,
// and refuse anything it cannot parse. (Decoding in a real browser is checked in e2e/photo.test.js.)
import assert from "node:assert/strict";
import { test } from "node:test";
import { inflateSync } from "node:zlib";
import { cleanPhoto, PhotoError } from "../src/photo/clean.js";
import { cleanJpeg } from "../src/photo/jpeg.js";
import { cleanPng } from "../src/photo/png.js";
import { SECRETS, containsAscii, jpegMarkers, pngChunk, pngWithMetadata, tinyJpegWithMetadata } from "../e2e/lib/fixtures.js";

const kindOf = (fn) => {
  try { fn(); } catch (e) { return e instanceof PhotoError ? e.kind : `other:${e.message}`; }
  return "accepted";
};

test("JPEG: every metadata segment and the trailer are gone, decoding segments stay", () => {
  const input = tinyJpegWithMetadata();
  for (const s of SECRETS.filter((s) => !s.startsWith("TEXT"))) assert.ok(containsAscii(input, s), `fixture holds ${s}`);
  const { bytes, type, orientation } = cleanPhoto(input);
  assert.equal(type, "image/jpeg");
  for (const s of SECRETS) assert.ok(!containsAscii(bytes, s), `${s} removed`);
  for (const s of ["Exif", "JFIF", "ICC_PROFILE", "http://ns.adobe.com", "Photoshop", "MPF"]) assert.ok(!containsAscii(bytes, s), `${s} removed`);
  assert.deepEqual(jpegMarkers(bytes), [0xd8, 0xdb, 0xc0, 0xc4, 0xc4, 0xda, 0xd9]);
  assert.equal(orientation, 6, "orientation read before EXIF is dropped");
  assert.equal(bytes.at(-2), 0xff);
  assert.equal(bytes.at(-1), 0xd9);
});

test("JPEG: restart markers inside the scan are kept and cleaning is idempotent", () => {
  const once = cleanJpeg(tinyJpegWithMetadata({ restart: true })).bytes;
  assert.deepEqual(jpegMarkers(once), [0xd8, 0xdb, 0xc0, 0xc4, 0xc4, 0xdd, 0xda, 0xd9]);
  assert.ok(Buffer.from(once).includes(Buffer.from([0x3f, 0xff, 0xd0, 0x3f, 0xff, 0xd9])));
  assert.deepEqual(cleanJpeg(once).bytes, once);
});

test("JPEG: an Adobe colour segment is replaced by a canonical one that keeps only the transform", () => {
  const base = tinyJpegWithMetadata();
  const adobe = [0xff, 0xee, 0, 14, ...Buffer.from("Adobe"), 0x12, 0x34, 0xaa, 0xbb, 0xcc, 0xdd, 1];
  const input = Uint8Array.from([0xff, 0xd8, ...adobe, ...base.slice(2)]);
  const out = cleanJpeg(input).bytes;
  assert.deepEqual(jpegMarkers(out), [0xd8, 0xdb, 0xee, 0xc0, 0xc4, 0xc4, 0xda, 0xd9]);
  assert.ok(Buffer.from(out).includes(Buffer.from([0xff, 0xee, 0, 14, ...Buffer.from("Adobe"), 0, 100, 0, 0, 0, 0, 1])));
  assert.ok(!Buffer.from(out).includes(Buffer.from([0xaa, 0xbb])));
});

test("JPEG: damaged files are refused, never passed through", () => {
  const good = tinyJpegWithMetadata();
  const eoi = good.indexOf(0xd9, good.length - 40) - 1;
  assert.equal(kindOf(() => cleanPhoto(good.slice(0, eoi))), "damaged", "no EOI");
  assert.equal(kindOf(() => cleanPhoto(good.slice(0, 40))), "damaged", "truncated");
  const sosAt = Buffer.from(good).indexOf(Buffer.from([0xff, 0xda]));
  const noFrame = Uint8Array.from([0xff, 0xd8, ...good.slice(sosAt)]);
  assert.equal(kindOf(() => cleanPhoto(noFrame)), "damaged", "scan before frame");
  const badLen = good.slice();
  badLen[4] = 0xff; badLen[5] = 0xff;
  assert.equal(kindOf(() => cleanPhoto(badLen)), "damaged", "segment runs past end");
});

test("other formats are refused with kind 'format'", () => {
  const gif = new Uint8Array(Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"));
  const heic = new Uint8Array(Buffer.from("\0\0\0\x18ftypheic\0\0\0\0mif1heic", "latin1"));
  const webp = new Uint8Array(Buffer.from("RIFF\x1a\0\0\0WEBPVP8 ", "latin1"));
  const pdf = new Uint8Array(Buffer.from("%PDF-1.7\n", "latin1"));
  for (const f of [gif, heic, webp, pdf, new Uint8Array(0)]) assert.equal(kindOf(() => cleanPhoto(f)), "format");
});

test("PNG: only IHDR, IDAT and IEND remain, pixels are unchanged", () => {
  const { png, raw } = pngWithMetadata(5, 4);
  assert.ok(containsAscii(png, SECRETS[0]) && containsAscii(png, SECRETS[6]));
  const { bytes, type } = cleanPhoto(png);
  assert.equal(type, "image/png");
  for (const s of SECRETS) assert.ok(!containsAscii(bytes, s), `${s} removed`);
  const chunks = [];
  let idat = Buffer.alloc(0);
  for (let i = 8; i < bytes.length; ) {
    const len = Buffer.from(bytes).readUInt32BE(i);
    const t = Buffer.from(bytes.subarray(i + 4, i + 8)).toString("latin1");
    chunks.push(t);
    if (t === "IDAT") idat = Buffer.concat([idat, bytes.subarray(i + 8, i + 8 + len)]);
    i += 12 + len;
  }
  assert.deepEqual(chunks, ["IHDR", "IDAT", "IEND"]);
  assert.deepEqual(inflateSync(idat), raw);
  assert.deepEqual(cleanPng(bytes).bytes, bytes, "idempotent");
});

test("PNG: a bad CRC, a missing IHDR or an unknown critical chunk is refused", () => {
  const { png } = pngWithMetadata();
  const bad = png.slice();
  bad[8 + 8 + 3] ^= 1; // a byte inside IHDR's data
  assert.equal(kindOf(() => cleanPhoto(bad)), "damaged");
  const sig = png.slice(0, 8);
  const idatOnly = Uint8Array.from([...sig, ...pngChunk("IDAT", Buffer.alloc(2)), ...pngChunk("IEND", Buffer.alloc(0))]);
  assert.equal(kindOf(() => cleanPhoto(idatOnly)), "damaged");
  const ihdr = png.slice(8, 8 + 25);
  const weird = Uint8Array.from([...sig, ...ihdr, ...pngChunk("ABCD", Buffer.alloc(1)), ...pngChunk("IEND", Buffer.alloc(0))]);
  assert.equal(kindOf(() => cleanPhoto(weird)), "format");
  assert.equal(kindOf(() => cleanPhoto(png.slice(0, 60))), "damaged", "truncated");
});
