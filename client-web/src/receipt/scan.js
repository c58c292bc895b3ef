// Reading the receipt QR: from the camera (rear camera, frames decoded on the device) or from an
// image file. Where the browser blocks camera or canvas read-back (Tor Browser), this fails and the
// reporter types the code instead.
import decodeQR from "qr/decode.js";

function pixelsOf(source, w, h) {
  const canvas = document.createElement("canvas");
  canvas.width = w; canvas.height = h;
  const g = canvas.getContext("2d", { willReadFrequently: true });
  g.drawImage(source, 0, 0, w, h);
  return g.getImageData(0, 0, w, h);
}

export async function decodeImageFile(file) {
  const bitmap = await createImageBitmap(file);
  try {
    return decodeQR(pixelsOf(bitmap, bitmap.width, bitmap.height), { effort: Infinity, timeLimit: Infinity });
  } finally {
    bitmap.close?.();
  }
}

/**
 * Starts the rear camera into `video` and resolves with the first decoded text.
 * @returns {{ result: Promise<string>, stop: () => void }}
 */
export function scanCamera(video) {
  let stream = null, stopped = false, timer = null;
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    stream?.getTracks().forEach((tr) => tr.stop());
    video.srcObject = null;
  };
  const result = (async () => {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    if (stopped) { stop(); throw new Error("stopped"); }
    video.srcObject = stream;
    await video.play();
    return new Promise((resolve, reject) => {
      const tick = () => {
        if (stopped) return reject(new Error("stopped"));
        if (video.videoWidth > 0) {
          try {
            const text = decodeQR(pixelsOf(video, video.videoWidth, video.videoHeight));
            stop();
            return resolve(text);
          } catch { /* no code in this frame */ }
        }
        timer = setTimeout(tick, 150);
      };
      tick();
    });
  })();
  return { result, stop };
}
