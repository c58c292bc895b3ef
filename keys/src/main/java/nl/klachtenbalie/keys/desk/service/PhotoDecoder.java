package nl.klachtenbalie.keys.desk.service;

import java.util.Arrays;
import java.util.List;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.keys.desk.DeskException;
import nl.klachtenbalie.keys.desk.cases.Photo;
import nl.klachtenbalie.keys.desk.events.EventCodec;
import nl.klachtenbalie.keys.desk.events.EventRejected;
import nl.klachtenbalie.keys.desk.images.ImageSafety;

/** Opens a stored attachment and re-encodes it as PNG; the decrypted original is wiped, never shown. */
final class PhotoDecoder {

    private PhotoDecoder() {
    }

    static byte[] png(EventCodec codec, byte[] blob, List<? extends Identity> identities, Photo photo) {
        byte[] image;
        try {
            image = codec.openAttachment(blob, identities, photo.ref());
        } catch (EventRejected e) {
            throw new DeskException("error.image.undecodable");
        }
        try {
            return ImageSafety.toPng(image, photo.type());
        } finally {
            Arrays.fill(image, (byte) 0);
        }
    }
}
