// Small byte helpers shared by the protocol modules. Strict on input: one spelling per value.
import { bytesToHex, hexToBytes as nobleHexToBytes, concatBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { base64 } from "@scure/base";

export { bytesToHex, concatBytes, utf8ToBytes };

/** Lower-case hex only, of exactly `length` bytes when given; throws otherwise. */
export function hexToBytesStrict(hex, length) {
  if (typeof hex !== "string" || !/^(?:[0-9a-f]{2})*$/.test(hex)) throw new Error("not lower-case hex");
  const out = nobleHexToBytes(hex);
  if (length !== undefined && out.length !== length) throw new Error(`expected ${length} bytes`);
  return out;
}

/** ASCII bytes of a string that must be ASCII. */
export function asciiBytes(s) {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) throw new Error("not ASCII");
    out[i] = c;
  }
  return out;
}

export function u16be(n) {
  return Uint8Array.of((n >>> 8) & 0xff, n & 0xff);
}

export function u32be(n) {
  return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** Equality whose time depends only on the lengths. */
export function constantTimeEqual(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** Standard padded base64 that must be canonical: re-encoding gives the same string. */
export function base64Canonical(s) {
  let out;
  try {
    out = base64.decode(s);
  } catch {
    throw new Error("bad base64");
  }
  if (base64.encode(out) !== s) throw new Error("base64 is not canonical");
  return out;
}

export function base64Encode(bytes) {
  return base64.encode(bytes);
}
