// The receipt QR holds the 24 digits and nothing else (numeric mode, no URL, no service name).
import encodeQR from "qr";
import { h } from "../dom.js";

export const QR_BORDER = 4; // the quiet zone the QR specification asks for

export function qrMatrix(code) {
  return encodeQR(code, "raw", { ecc: "medium", border: QR_BORDER });
}

/** An SVG element built through the DOM (no markup strings, no style attributes). */
export function qrSvg(code, label) {
  const m = qrMatrix(code);
  let d = "";
  m.forEach((row, y) => row.forEach((dark, x) => { if (dark) d += `M${x} ${y}h1v1h-1z`; }));
  return h("svg:svg", { viewBox: `0 0 ${m.length} ${m.length}`, class: "qr", role: "img", "aria-label": label, "shape-rendering": "crispEdges" },
    h("svg:rect", { width: String(m.length), height: String(m.length), class: "qr-bg" }),
    h("svg:path", { d, class: "qr-fg" }));
}
