// The neutral receipt image: the QR code and the digits, nothing else — no service name, address or
// date, so the picture means nothing to someone who finds it. Drawn pixel by pixel from a 5×7 digit
// font and encoded as GIF.
import { encodeGif } from "./gif.js";
import { qrMatrix } from "./qr.js";

const FONT = {
  0: ["01110", "10001", "10011", "10101", "11001", "10001", "01110"],
  1: ["00100", "01100", "00100", "00100", "00100", "00100", "01110"],
  2: ["01110", "10001", "00001", "00010", "00100", "01000", "11111"],
  3: ["11111", "00010", "00100", "00010", "00001", "10001", "01110"],
  4: ["00010", "00110", "01010", "10010", "11111", "00010", "00010"],
  5: ["11111", "10000", "11110", "00001", "00001", "10001", "01110"],
  6: ["00110", "01000", "10000", "11110", "10001", "10001", "01110"],
  7: ["11111", "00001", "00010", "00100", "01000", "01000", "01000"],
  8: ["01110", "10001", "10001", "01110", "10001", "10001", "01110"],
  9: ["01110", "10001", "10001", "01111", "00001", "00010", "01100"],
};

export function receiptImage(code) {
  const qr = qrMatrix(code);
  const qrScale = 8;
  const px = 4; // font pixel size → 20×28 per digit
  const digitW = 6 * px, gap = 4 * px;
  const rowW = 12 * digitW + 2 * gap;
  const width = Math.max(qr.length * qrScale, rowW) + 32;
  const textTop = qr.length * qrScale + 16;
  const height = textTop + 2 * (9 * px) + 24;
  const pix = new Uint8Array(width * height);
  const qrLeft = Math.floor((width - qr.length * qrScale) / 2);
  qr.forEach((row, y) => row.forEach((dark, x) => {
    if (!dark) return;
    for (let dy = 0; dy < qrScale; dy++) pix.fill(1, (y * qrScale + dy) * width + qrLeft + x * qrScale, (y * qrScale + dy) * width + qrLeft + (x + 1) * qrScale);
  }));
  const groups = code.match(/.{4}/g);
  const left0 = Math.floor((width - rowW) / 2);
  groups.forEach((g, gi) => {
    const row = Math.floor(gi / 3), col = gi % 3;
    [...g].forEach((ch, ci) => {
      const ox = left0 + col * (4 * digitW + gap) + ci * digitW;
      const oy = textTop + row * 9 * px;
      FONT[ch].forEach((line, fy) => [...line].forEach((bit, fx) => {
        if (bit !== "1") return;
        for (let dy = 0; dy < px; dy++) pix.fill(1, (oy + fy * px + dy) * width + ox + fx * px, (oy + fy * px + dy) * width + ox + (fx + 1) * px);
      }));
    });
  });
  return { width, height, gif: encodeGif(width, height, pix) };
}
