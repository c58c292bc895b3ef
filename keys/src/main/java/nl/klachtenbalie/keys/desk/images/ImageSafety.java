package nl.klachtenbalie.keys.desk.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import nl.klachtenbalie.keys.desk.DeskException;

/**
 * Turns a reporter's photo into a fresh PNG the desk's browser may display. The photo is hostile
 * input: the browser never sees its original bytes (no sniffing, no SVG, no polyglot files), only
 * pixels decoded here by the decoder for the declared type and re-encoded as PNG, without any
 * metadata.
 *
 * <p>ImageIO's disk cache is switched off: by default it buffers streams in temporary files, which
 * would put decrypted image data on the disk.
 */
public final class ImageSafety {

    /** Refuse images that would decode to more pixels than this (decompression bombs). */
    public static final long MAX_PIXELS = 40_000_000L;

    static {
        System.setProperty("java.awt.headless", "true");
        ImageIO.setUseCache(false);
    }

    private ImageSafety() {
    }

    /** Whether ImageIO writes temporary files; must stay false on the desk. */
    public static boolean diskCacheEnabled() {
        return ImageIO.getUseCache();
    }

    /** True if the bytes start with the signature of the declared type (JPEG or PNG; nothing else is allowed). */
    public static boolean hasMagic(byte[] image, String type) {
        if ("image/jpeg".equals(type)) {
            return image.length > 3 && (image[0] & 0xff) == 0xff && (image[1] & 0xff) == 0xd8 && (image[2] & 0xff) == 0xff;
        }
        if ("image/png".equals(type)) {
            byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
            if (image.length < sig.length) {
                return false;
            }
            for (int i = 0; i < sig.length; i++) {
                if (image[i] != sig[i]) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Decodes with the decoder for {@code type} only and encodes the pixels as PNG.
     *
     * @throws DeskException {@code error.image.undecodable} for anything that is not a decodable
     *     JPEG or PNG within the size limit
     */
    public static byte[] toPng(byte[] image, String type) {
        ImageIO.setUseCache(false);
        if (!hasMagic(image, type)) {
            throw new DeskException("error.image.undecodable");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
        if (!readers.hasNext()) {
            throw new DeskException("error.image.undecodable");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            reader.setInput(in, true, true);
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels <= 0 || pixels > MAX_PIXELS) {
                throw new DeskException("error.image.undecodable");
            }
            BufferedImage decoded = reader.read(0);
            BufferedImage clean = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_INT_RGB);
            clean.getGraphics().drawImage(decoded, 0, 0, null);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(clean, "png", out)) {
                throw new DeskException("error.image.undecodable");
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            if (e instanceof DeskException d) {
                throw d;
            }
            throw new DeskException("error.image.undecodable");
        } finally {
            reader.dispose();
        }
    }
}
