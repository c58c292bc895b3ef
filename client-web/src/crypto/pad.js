// Protocol §5: length framing and bucket padding, so ciphertext sizes reveal only a bucket.
export const BUCKETS = Object.freeze([2048, 8192, 32768, 131072, 524288, 2097152, 8388608]);
export const HEADER_LENGTH = 4;
export const MAX_CONTENT_LENGTH = BUCKETS[BUCKETS.length - 1] - HEADER_LENGTH;

/** kind: TOO_LARGE | NOT_A_BUCKET | BAD_LENGTH | NONZERO_PADDING */
export class PaddingError extends Error {
  constructor(kind, message) {
    super(message);
    this.name = "PaddingError";
    this.kind = kind;
  }
}

export function bucketFor(contentLength) {
  if (!Number.isSafeInteger(contentLength) || contentLength < 0) throw new RangeError("bad length");
  if (contentLength > MAX_CONTENT_LENGTH) throw new PaddingError("TOO_LARGE", "content too large to pad");
  return BUCKETS.find((b) => HEADER_LENGTH + contentLength <= b);
}

export function isBucket(length) {
  return BUCKETS.includes(length);
}

export function pad(content) {
  const n = content.length;
  const out = new Uint8Array(bucketFor(n));
  new DataView(out.buffer).setUint32(0, n, false);
  out.set(content, HEADER_LENGTH);
  return out;
}

/** Strict: bucket size, declared length fits and is in its smallest bucket, zero padding. */
export function unpad(padded) {
  if (!isBucket(padded.length)) throw new PaddingError("NOT_A_BUCKET", "padded length is not a bucket size");
  const n = new DataView(padded.buffer, padded.byteOffset, padded.byteLength).getUint32(0, false);
  if (n > padded.length - HEADER_LENGTH) throw new PaddingError("BAD_LENGTH", "declared length does not fit");
  if (bucketFor(n) !== padded.length) throw new PaddingError("BAD_LENGTH", "content is not in its smallest bucket");
  let nonZero = 0;
  for (let i = HEADER_LENGTH + n; i < padded.length; i++) nonZero |= padded[i];
  if (nonZero !== 0) throw new PaddingError("NONZERO_PADDING", "padding bytes are not zero");
  return padded.slice(HEADER_LENGTH, HEADER_LENGTH + n);
}
