package nl.klachtenbalie.keys.team;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The team fingerprint as a QR code for flyers (ZXing). Error correction level Q (25 %) so a
 * creased or partly covered flyer still scans; a quiet zone of four modules as the standard asks;
 * large modules so a cheap printer keeps them sharp. {@link #decode} reads a PNG back, and the
 * ceremony does so after writing one, so a flyer never carries a code that does not scan.
 */
public final class FingerprintQr {

    static final int SIZE = 600;

    private FingerprintQr() {
    }

    /** A PNG of the QR code of {@code text}. */
    public static byte[] png(String text) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, SIZE, SIZE,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q, EncodeHintType.MARGIN, 4,
                            EncodeHintType.CHARACTER_SET, "ISO-8859-1"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (WriterException | IOException e) {
            throw new TeamException("cannot draw the fingerprint QR code: " + e.getMessage());
        }
    }

    /** The text of the QR code in a PNG. */
    public static String decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new TeamException("not a PNG image");
            }
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new TeamException("the QR image does not scan");
        } catch (IOException e) {
            throw new TeamException("cannot read the QR image: " + e.getMessage());
        }
    }
}
