// One entry point for photo cleaning. The format is decided by the file's bytes, never by its name
// or the browser's MIME guess. Anything but JPEG and PNG is refused; there is no fallback to the
// original bytes anywhere.
import { PhotoError } from "./errors.js";
import { cleanJpeg } from "./jpeg.js";
import { cleanPng } from "./png.js";

/** Upper bound per cleaned photo: it must fit the largest padding bucket with its header. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024 - 64 * 1024;

/**
 * @param {Uint8Array} bytes
 * @returns {{ bytes: Uint8Array, type: "image/jpeg"|"image/png", orientation: number }}
 * @throws {PhotoError}
 */
export function cleanPhoto(bytes) {
  let r, type;
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    r = cleanJpeg(bytes);
    type = "image/jpeg";
  } else if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50) {
    r = cleanPng(bytes);
    type = "image/png";
  } else {
    throw new PhotoError("format", "not JPEG or PNG");
  }
  if (r.bytes.length > MAX_PHOTO_BYTES) throw new PhotoError("large", `${r.bytes.length} bytes`);
  return { bytes: r.bytes, type, orientation: r.orientation };
}

export { PhotoError };
