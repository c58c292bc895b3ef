package nl.klachtenbalie.keys.flyer;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.util.Locale;
import java.util.Map;

/**
 * A QR code (ZXing) drawn as SVG rectangles: one {@code <rect>} per horizontal run of dark modules, on a white
 * square that includes the standard quiet zone of four modules. Level Q (25 %) like the ceremony's
 * fingerprint PNG, so a creased or partly covered flyer still scans.
 */
final class QrSvg {

    static final int QUIET = 4;

    private QrSvg() {
    }

    /** The module matrix of {@code text} (true = dark), without quiet zone. */
    static boolean[][] modules(String text) {
        try {
            QRCode code = Encoder.encode(text, ErrorCorrectionLevel.Q, Map.of(EncodeHintType.CHARACTER_SET, "ISO-8859-1"));
            ByteMatrix m = code.getMatrix();
            boolean[][] out = new boolean[m.getHeight()][m.getWidth()];
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    out[y][x] = m.get(x, y) == 1;
                }
            }
            return out;
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot draw a QR code for this text: " + e.getMessage());
        }
    }

    /**
     * An SVG group at ({@code x},{@code y}) of width {@code size} (user units), quiet zone included.
     * {@code id} names the group so tests and people can find it.
     */
    static String group(String id, String text, double x, double y, double size) {
        boolean[][] m = modules(text);
        int n = m.length + 2 * QUIET;
        double unit = size / n;
        StringBuilder sb = new StringBuilder();
        sb.append("<g id=\"").append(id).append("\" transform=\"translate(").append(num(x)).append(' ').append(num(y))
                .append(") scale(").append(num(unit)).append(")\" shape-rendering=\"crispEdges\" fill=\"#000\">\n");
        sb.append("<rect x=\"0\" y=\"0\" width=\"").append(n).append("\" height=\"").append(n).append("\" fill=\"#fff\"/>\n");
        for (int row = 0; row < m.length; row++) {
            int col = 0;
            while (col < m.length) {
                if (!m[row][col]) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < m.length && m[row][col]) {
                    col++;
                }
                sb.append("<rect x=\"").append(start + QUIET).append("\" y=\"").append(row + QUIET).append("\" width=\"")
                        .append(col - start).append("\" height=\"1\"/>");
            }
            sb.append('\n');
        }
        sb.append("</g>\n");
        return sb.toString();
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
