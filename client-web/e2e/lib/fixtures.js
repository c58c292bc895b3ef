// Photo fixtures with identifying metadata, built byte by byte so the tests need no binary files.
// Used by the node unit tests (structure) and the browser tests (decoding in Chromium).
import { deflateSync } from "node:zlib";

export const SECRETS = ["GPS-SECRET-52.3676N", "Canon-SECRET-Serial", "XMP-SECRET-Author", "ICC-SECRET-Device", "COMMENT-SECRET", "TRAILER-SECRET", "TEXT-SECRET-Author", "THUMB-SECRET"];

const ascii = (s) => Array.from(Buffer.from(s, "latin1"));
const seg = (marker, body) => [0xff, marker, ((body.length + 2) >> 8) & 0xff, (body.length + 2) & 0xff, ...body];

/** A TIFF/EXIF block (big-endian) with an orientation tag and a GPS IFD holding a secret string. */
export function exifApp1(orientation = 6) {
  const gpsText = ascii(SECRETS[0] + "\0");
  const make = ascii(SECRETS[1] + "\0");
  // Layout: header(8) IFD0 @8: 3 entries (2+36+4=42) → @50 GPS IFD: 1 entry (2+12+4=18) → @68 gpsText → make
  const gpsIfd = 50, gpsTextAt = 68, makeAt = gpsTextAt + gpsText.length;
  const u16 = (v) => [(v >> 8) & 0xff, v & 0xff];
  const u32 = (v) => [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
  const tiff = [
    ...ascii("MM"), 0, 42, ...u32(8),
    ...u16(3),
    ...u16(0x010f), ...u16(2), ...u32(make.length), ...u32(makeAt), // Make
    ...u16(0x0112), ...u16(3), ...u32(1), ...u16(orientation), 0, 0, // Orientation
    ...u16(0x8825), ...u16(4), ...u32(1), ...u32(gpsIfd), // GPS IFD pointer
    ...u32(0),
    ...u16(1),
    ...u16(0x0002), ...u16(2), ...u32(gpsText.length), ...u32(gpsTextAt), // GPSLatitude (as text, for grepping)
    ...u32(0),
    ...gpsText, ...make,
  ];
  return seg(0xe1, [...ascii("Exif\0\0"), ...tiff]);
}

/** Metadata segments a phone or editor typically writes, to be inserted after SOI. */
export function metadataSegments() {
  return [
    ...seg(0xe0, [...ascii("JFIF\0"), 1, 2, 0, 0, 1, 0, 1, 0, 0]),
    ...exifApp1(6),
    ...seg(0xe1, ascii("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>" + SECRETS[2] + "</x:xmpmeta>")),
    ...seg(0xe2, ascii("ICC_PROFILE\0\x01\x01" + SECRETS[3])),
    ...seg(0xed, ascii("Photoshop 3.0\0" + SECRETS[7])),
    ...seg(0xfe, ascii(SECRETS[4])),
  ];
}

/** An 8×8 grey baseline JPEG that decodes (one-code Huffman tables, DC 0, EOB), with metadata. */
export function tinyJpegWithMetadata({ restart = false } = {}) {
  const dqt = seg(0xdb, [0x00, ...new Array(64).fill(1)]);
  const width = restart ? 16 : 8;
  const sof = seg(0xc0, [8, 0, 8, 0, width, 1, 1, 0x11, 0]);
  const huff = (cls) => seg(0xc4, [cls, 1, ...new Array(15).fill(0), 0x00]);
  const dri = restart ? seg(0xdd, [0, 1]) : [];
  const sos = seg(0xda, [1, 1, 0x00, 0, 63, 0]);
  const scan = restart ? [0x3f, 0xff, 0xd0, 0x3f] : [0x3f];
  return Uint8Array.from([
    0xff, 0xd8, ...metadataSegments(), ...dqt, ...sof, ...huff(0x00), ...huff(0x10), ...dri, ...sos, ...scan,
    0xff, 0xd9, ...ascii("MPF\0" + SECRETS[5]),
  ]);
}

/** Inserts metadata segments after SOI (and a trailer after EOI) into any JPEG, e.g. one Chromium drew. */
export function addJpegMetadata(jpeg) {
  const b = Array.from(jpeg);
  return Uint8Array.from([0xff, 0xd8, ...metadataSegments(), ...b.slice(2), ...ascii("\xff\xd8\xff\xe1MPF" + SECRETS[5])]);
}

function crc32(bytes) {
  let c = 0xffffffff;
  for (const x of bytes) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

export function pngChunk(type, data) {
  const td = Buffer.concat([Buffer.from(type, "latin1"), Buffer.from(data)]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  td.copy(out, 4);
  out.writeUInt32BE(crc32(td), 8 + data.length);
  return out;
}

/** A w×h RGB PNG (a gradient) with text, EXIF-with-GPS, XMP and time chunks and a trailer. */
export function pngWithMetadata(w = 4, h = 3) {
  const raw = Buffer.alloc(h * (1 + w * 3));
  for (let y = 0; y < h; y++) {
    raw[y * (1 + w * 3)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (1 + w * 3) + 1 + x * 3;
      raw[o] = (x * 60) & 0xff; raw[o + 1] = (y * 80) & 0xff; raw[o + 2] = 200;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const exif = Buffer.from(exifApp1(6).slice(4 + 6)); // the TIFF block alone
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("tEXt", Buffer.from("Author\0" + SECRETS[6], "latin1")),
    pngChunk("eXIf", exif),
    pngChunk("iTXt", Buffer.from("XML:com.adobe.xmp\0\0\0\0\0" + SECRETS[2], "latin1")),
    pngChunk("tIME", Buffer.from([7, 233, 3, 14, 12, 0, 0])),
    pngChunk("IDAT", deflateSync(raw)),
    pngChunk("IEND", Buffer.alloc(0)),
    Buffer.from(SECRETS[5], "latin1"),
  ]);
  return { png: new Uint8Array(png), raw };
}

/** Lists the markers of a JPEG (stopping at EOI), for structural assertions. */
export function jpegMarkers(b) {
  const out = [];
  let i = 2;
  out.push(0xd8);
  while (i < b.length) {
    while (b[i] === 0xff) i++;
    const m = b[i++];
    out.push(m);
    if (m === 0xd9) break;
    const len = (b[i] << 8) | b[i + 1];
    i += len;
    if (m === 0xda) {
      while (i < b.length && !(b[i] === 0xff && b[i + 1] !== 0 && !(b[i + 1] >= 0xd0 && b[i + 1] <= 0xd7))) i++;
    }
  }
  return out;
}

export function containsAscii(bytes, s) {
  return Buffer.from(bytes).includes(Buffer.from(s, "latin1"));
}
