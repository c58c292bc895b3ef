// Protocol §2: receipt codes — the reporter's only credential. 24 digits V ‖ R ‖ D ‖ H.
import { sha256 } from "@noble/hashes/sha2.js";
import { asciiBytes, concatBytes, constantTimeEqual } from "./bytes.js";

export const CODE_LENGTH = 24;
export const RANDOM_DIGITS = 20;
export const VERSION_1 = 1;
export const MAX_INPUT_LENGTH = 256;

/**
 * The zero of every Unicode decimal-digit (Nd) run, generated once from the Java 17 runtime's
 * Character data (Unicode 13) with a throw-away program looping over all code points with
 * getType == DECIMAL_DIGIT_NUMBER and digit == 0. Each run is ten consecutive code points 0..9.
 * A table rather than /\p{Nd}/u so that the browser and Java agree whatever Unicode version the
 * browser ships; the vector file repeats it and both test suites compare.
 */
export const ND_ZEROS = Object.freeze([
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6,
  0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0,
  0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80,
  0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900,
  0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066,
  0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0,
  0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16b50,
  0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950,
  0x1fbf0,
]);

/** Unicode White_Space plus the listed dashes and punctuation (protocol §2, same list as Java). */
export const SEPARATORS = Object.freeze([
  0x0009, 0x000a, 0x000b, 0x000c, 0x000d, 0x0020, 0x0085, 0x00a0, 0x1680,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
  0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2e, 0x5f, 0x2f,
]);
const SEPARATOR_SET = new Set(SEPARATORS);

/** reason: NOT_A_CODE | WRONG_LENGTH | UNKNOWN_VERSION | CHECK_FAILED. Never carries the input. */
export class ReceiptCodeError extends Error {
  constructor(reason) {
    super("receipt code refused: " + reason);
    this.name = "ReceiptCodeError";
    this.reason = reason;
  }
}

/** The digit value of a Unicode Nd code point, or -1. */
export function digitValue(cp) {
  for (const zero of ND_ZEROS) {
    if (cp >= zero && cp <= zero + 9) return cp - zero;
  }
  return -1;
}

const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** The Damm check digit of a string of ASCII digits. */
export function dammCheckDigit(digits) {
  let interim = 0;
  for (const ch of digits) {
    const d = ch.charCodeAt(0) - 48;
    if (ch.length !== 1 || d < 0 || d > 9) throw new Error("not an ASCII digit");
    interim = DAMM[interim][d];
  }
  return String(interim);
}

const CHECK_LABEL = asciiBytes("klachtenbalie/v1/receipt-check");

/** The three check digits D ‖ H for V ‖ R. */
export function checkDigits(versionAndRandom) {
  const h = sha256(concatBytes(CHECK_LABEL, asciiBytes(versionAndRandom)));
  const n = ((h[0] << 8) | h[1]) % 100;
  return dammCheckDigit(versionAndRandom) + String(n).padStart(2, "0");
}

/** Maps digits to ASCII and drops separators; throws ReceiptCodeError for anything else. */
export function normalise(input) {
  if (typeof input !== "string") throw new ReceiptCodeError("NOT_A_CODE");
  if (input.length > MAX_INPUT_LENGTH) throw new ReceiptCodeError("WRONG_LENGTH");
  let out = "";
  for (const ch of input) {
    const cp = ch.codePointAt(0); // a lone surrogate comes through as itself and is refused below
    const d = digitValue(cp);
    if (d >= 0) out += String(d);
    else if (!SEPARATOR_SET.has(cp)) throw new ReceiptCodeError("NOT_A_CODE");
  }
  return out;
}

/** Six groups of four digits separated by spaces. */
export function grouped(digits) {
  return digits.match(/.{4}/g).join(" ");
}

/**
 * Normalises and validates what a reporter typed. Returns { digits, grouped, version }; the
 * digits are the secret itself.
 */
export function parseReceiptCode(input) {
  const digits = normalise(input);
  if (digits.length !== CODE_LENGTH) throw new ReceiptCodeError("WRONG_LENGTH");
  if (digits.charCodeAt(0) - 48 !== VERSION_1) throw new ReceiptCodeError("UNKNOWN_VERSION");
  const body = digits.slice(0, 1 + RANDOM_DIGITS);
  if (!constantTimeEqual(asciiBytes(checkDigits(body)), asciiBytes(digits.slice(1 + RANDOM_DIGITS)))) {
    throw new ReceiptCodeError("CHECK_FAILED");
  }
  return Object.freeze({ digits, grouped: grouped(digits), version: VERSION_1 });
}

/**
 * Draws a fresh code. `fillRandom(Uint8Array)` defaults to crypto.getRandomValues; bytes are used
 * in order, b < 250 gives b mod 10, larger bytes are skipped (rejection sampling: uniform digits).
 */
export function generateReceiptCode(fillRandom = (b) => globalThis.crypto.getRandomValues(b)) {
  let body = String(VERSION_1);
  const buffer = new Uint8Array(32);
  while (body.length < 1 + RANDOM_DIGITS) {
    fillRandom(buffer);
    for (let i = 0; i < buffer.length && body.length < 1 + RANDOM_DIGITS; i++) {
      if (buffer[i] < 250) body += String(buffer[i] % 10);
    }
  }
  buffer.fill(0);
  const digits = body + checkDigits(body);
  return Object.freeze({ digits, grouped: grouped(digits), version: VERSION_1 });
}
