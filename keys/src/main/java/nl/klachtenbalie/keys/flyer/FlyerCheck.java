package nl.klachtenbalie.keys.flyer;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the QR codes back out of a drawn flyer: each {@code <g id="qr-…">} group's rects are painted
 * onto an image and decoded with ZXing. {@code keys flyer} refuses to write a flyer whose codes do
 * not say exactly the address and fingerprint printed next to them.
 */
public final class FlyerCheck {

    private static final Pattern GROUP = Pattern.compile("<g id=\"(qr-[a-z]+)\"[^>]*>(.*?)</g>", Pattern.DOTALL);
    private static final Pattern RECT = Pattern.compile("<rect x=\"(\\d+)\" y=\"(\\d+)\" width=\"(\\d+)\" height=\"(\\d+)\"(/>| fill=\"#fff\"/>)");

    private FlyerCheck() {
    }

    /** The text of every QR group in {@code svg}, by group id. */
    public static Map<String, String> decodeAll(String svg) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher g = GROUP.matcher(svg);
        while (g.find()) {
            out.put(g.group(1), decode(g.group(2)));
        }
        return out;
    }

    static void verify(String svg, FlyerRenderer.Content c) {
        Map<String, String> codes = decodeAll(svg);
        Map<String, String> want = new LinkedHashMap<>();
        want.put("qr-url", c.url());
        c.onion().ifPresent(o -> want.put("qr-onion", o));
        want.put("qr-fingerprint", c.fingerprint());
        if (!codes.equals(want)) {
            throw new IllegalStateException("a QR code on the flyer does not scan back to its text: " + codes.keySet());
        }
    }

    private static String decode(String rects) {
        int scale = 8;
        Matcher m = RECT.matcher(rects);
        int size = 0;
        BufferedImage img = null;
        Graphics2D gfx = null;
        while (m.find()) {
            int x = Integer.parseInt(m.group(1));
            int y = Integer.parseInt(m.group(2));
            int w = Integer.parseInt(m.group(3));
            int h = Integer.parseInt(m.group(4));
            if (img == null) {
                size = w; // the first rect is the white square with the quiet zone
                img = new BufferedImage(size * scale, size * scale, BufferedImage.TYPE_INT_RGB);
                gfx = img.createGraphics();
                gfx.setColor(Color.WHITE);
                gfx.fillRect(0, 0, size * scale, size * scale);
                gfx.setColor(Color.BLACK);
                continue;
            }
            gfx.fillRect(x * scale, y * scale, w * scale, h * scale);
        }
        if (img == null) {
            throw new IllegalStateException("an empty QR group");
        }
        gfx.dispose();
        try {
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img)));
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new IllegalStateException("a QR code on the flyer does not scan");
        }
    }
}
