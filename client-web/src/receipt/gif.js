// A minimal GIF89a encoder for two-colour images. The receipt image is drawn without a canvas, so
// it also works where canvas read-back is blocked (Tor Browser) and its bytes hold no metadata at
// all: just the pixels.
//
// LZW without compression: a clear code before every two pixel codes keeps every code 3 bits wide
// (with a 2-bit minimum code size the decoder grows to 4 bits only when its table reaches 8).

/** @param {Uint8Array} pixels one byte per pixel, 0 = white, 1 = black */
export function encodeGif(width, height, pixels) {
  const out = [];
  const push16 = (v) => out.push(v & 0xff, (v >> 8) & 0xff);
  out.push(...[..."GIF89a"].map((c) => c.charCodeAt(0)));
  push16(width); push16(height);
  out.push(0x81, 0, 0); // global colour table, 2 bits per colour → 4 entries
  out.push(255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  out.push(0x2c); push16(0); push16(0); push16(width); push16(height); out.push(0);
  out.push(2); // LZW minimum code size
  const data = [];
  let acc = 0, bits = 0;
  const code = (c) => {
    acc |= c << bits; bits += 3;
    while (bits >= 8) { data.push(acc & 0xff); acc >>= 8; bits -= 8; }
  };
  for (let i = 0; i < pixels.length; i++) {
    if (i % 2 === 0) code(4); // clear
    code(pixels[i] ? 1 : 0);
  }
  code(5); // end of information
  if (bits > 0) data.push(acc & 0xff);
  for (let i = 0; i < data.length; i += 255) {
    const chunk = data.slice(i, i + 255);
    out.push(chunk.length, ...chunk);
  }
  out.push(0, 0x3b);
  return Uint8Array.from(out);
}
