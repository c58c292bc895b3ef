// Typed failures of photo cleaning. The view maps each kind to a catalog message; the file is then
// not added at all — there is no path that keeps the original bytes.
export class PhotoError extends Error {
  /** @param {"format"|"damaged"|"large"} kind */
  constructor(kind, detail) {
    super(`photo ${kind}: ${detail}`);
    this.name = "PhotoError";
    this.kind = kind;
  }
}
