// Byte-level JPEG cleaning. A JPEG is a list of marker segments; everything a camera or phone adds
// about *who, where and when* (EXIF with GPS, XMP, IPTC, maker notes, thumbnails, ICC profiles that
// name a device, comments, vendor trailers such as MPF second images or gain maps after EOI) lives
// outside what a decoder needs. We copy only the segments a decoder needs and drop everything else,
// instead of re-encoding through a canvas: Tor Browser's canvas protection returns blank images.
import { PhotoError } from "./errors.js";

const SOI = 0xd8, EOI = 0xd9, SOS = 0xda, DQT = 0xdb, DHT = 0xc4, DAC = 0xcc, DRI = 0xdd, DNL = 0xdc;
const APP14 = 0xee;

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
function isSof(m) {
  return m >= 0xc0 && m <= 0xcf && m !== DHT && m !== 0xc8 && m !== DAC;
}

/** Segments a decoder needs. DAC carries arithmetic-coding conditioning; DNL may end a scan's height. */
function isKept(m) {
  return isSof(m) || m === DQT || m === DHT || m === DAC || m === DRI || m === DNL;
}

/**
 * Reads the EXIF orientation (1–8) from an APP1 Exif segment body, or 0 when absent or unreadable.
 * Only this one number is carried on (encrypted, beside the photo) so the team can turn the photo
 * upright; bounded, defensive parsing of an untrusted TIFF structure.
 */
function exifOrientation(seg) {
  // seg = segment body after the length field: "Exif\0\0" then a TIFF header
  if (seg.length < 14 || seg[0] !== 0x45 || seg[1] !== 0x78 || seg[2] !== 0x69 || seg[3] !== 0x66 || seg[4] !== 0 || seg[5] !== 0) return 0;
  const t = seg.subarray(6);
  const le = t[0] === 0x49 && t[1] === 0x49;
  if (!le && !(t[0] === 0x4d && t[1] === 0x4d)) return 0;
  const u16 = (o) => (o + 2 > t.length ? -1 : le ? t[o] | (t[o + 1] << 8) : (t[o] << 8) | t[o + 1]);
  const u32 = (o) => (o + 4 > t.length ? -1 : le ? (t[o] | (t[o + 1] << 8) | (t[o + 2] << 16)) + t[o + 3] * 2 ** 24 : t[o] * 2 ** 24 + ((t[o + 1] << 16) | (t[o + 2] << 8) | t[o + 3]));
  const ifd = u32(4);
  if (ifd < 8) return 0;
  const n = u16(ifd);
  if (n < 0 || n > 512) return 0;
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (u16(e) === 0x0112) {
      const v = u16(e + 8);
      return v >= 1 && v <= 8 ? v : 0;
    }
  }
  return 0;
}

/**
 * The Adobe APP14 segment tells decoders whether 3/4-channel data is RGB/YCbCr/YCCK; without it some
 * images decode with wrong colours. We never copy it: we write a fresh canonical one carrying only
 * the transform byte.
 */
function adobeTransform(seg) {
  if (seg.length >= 12 && seg[0] === 0x41 && seg[1] === 0x64 && seg[2] === 0x6f && seg[3] === 0x62 && seg[4] === 0x65) {
    const tr = seg[11];
    return tr <= 2 ? tr : -1;
  }
  return -1;
}

function canonicalAdobe(transform) {
  // FF EE, length 14, "Adobe", version 100, flags0 0, flags1 0, transform
  return Uint8Array.of(0xff, APP14, 0, 14, 0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, transform);
}

/**
 * @param {Uint8Array} b the file
 * @returns {{ bytes: Uint8Array, orientation: number }} a JPEG holding only decoding segments
 * @throws {PhotoError} "format" when not a JPEG, "damaged" when the structure does not parse
 */
export function cleanJpeg(b) {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== SOI) throw new PhotoError("format", "no SOI");
  const out = [Uint8Array.of(0xff, SOI)];
  let orientation = 0;
  let adobe = -1;
  let sawFrame = false;
  let sawScan = false;
  let adobeAt = 1; // index in out where a canonical Adobe segment goes (before the frame)
  let i = 2;
  for (;;) {
    // Markers may be preceded by any number of 0xFF fill bytes.
    if (i >= b.length || b[i] !== 0xff) throw new PhotoError("damaged", `expected marker at ${i}`);
    while (i < b.length && b[i] === 0xff) i++;
    if (i >= b.length) throw new PhotoError("damaged", "truncated marker");
    const m = b[i++];
    if (m === EOI) {
      if (!sawFrame || !sawScan) throw new PhotoError("damaged", "no image data");
      out.push(Uint8Array.of(0xff, EOI));
      break; // anything after EOI (MPF images, gain maps, vendor trailers) is dropped
    }
    if (m === SOI || (m >= 0xd0 && m <= 0xd7) || m === 0x01) {
      throw new PhotoError("damaged", `unexpected marker ${m.toString(16)}`);
    }
    if (i + 2 > b.length) throw new PhotoError("damaged", "truncated length");
    const len = (b[i] << 8) | b[i + 1];
    if (len < 2 || i + len > b.length) throw new PhotoError("damaged", "bad segment length");
    const body = b.subarray(i + 2, i + len);
    const seg = b.subarray(i - 2, i + len);
    i += len;
    if (m === 0xe1 && orientation === 0) orientation = exifOrientation(body);
    if (m === APP14 && adobe < 0) adobe = adobeTransform(body);
    if (isSof(m)) {
      if (sawFrame) throw new PhotoError("damaged", "second frame");
      sawFrame = true;
      adobeAt = out.length;
    }
    if (m === SOS) {
      if (!sawFrame) throw new PhotoError("damaged", "scan before frame");
      sawScan = true;
      out.push(seg);
      // Entropy-coded data runs until a marker that is neither a stuffed 0xFF00 nor a restart marker.
      const start = i;
      while (i < b.length) {
        if (b[i] === 0xff && i + 1 < b.length) {
          const n = b[i + 1];
          if (n === 0x00 || (n >= 0xd0 && n <= 0xd7)) { i += 2; continue; }
          if (n === 0xff) { i += 1; continue; } // fill bytes before the next marker
          break;
        }
        i++;
      }
      if (i >= b.length) throw new PhotoError("damaged", "scan not terminated");
      // Drop trailing fill bytes that belong to the next marker (we re-emit 0xFF ourselves).
      let end = i;
      while (end > start && b[end - 1] === 0xff) end--;
      out.push(b.subarray(start, end));
      continue;
    }
    if (isKept(m)) out.push(seg);
    // Everything else — APP0..APP15 (JFIF thumbnails, EXIF, XMP, ICC, IPTC, Adobe), COM, JPGn,
    // DHP/EXP and reserved markers — is dropped.
  }
  if (adobe >= 0) out.splice(adobeAt, 0, canonicalAdobe(adobe));
  let size = 0;
  for (const p of out) size += p.length;
  const bytes = new Uint8Array(size);
  let o = 0;
  for (const p of out) { bytes.set(p, o); o += p.length; }
  return { bytes, orientation };
}
