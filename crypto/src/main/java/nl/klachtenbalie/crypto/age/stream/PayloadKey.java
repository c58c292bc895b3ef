package nl.klachtenbalie.crypto.age.stream;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** Derives the STREAM payload key from the file key and the payload nonce. */
public final class PayloadKey {

    /** Size of the random nonce that starts every payload. */
    public static final int NONCE_SIZE = 16;
    /** Size of the ChaCha20-Poly1305 key. */
    public static final int KEY_SIZE = 32;

    private static final byte[] INFO = "payload".getBytes(StandardCharsets.US_ASCII);

    private PayloadKey() {
    }

    /**
     * HKDF-SHA-256(ikm = file key, salt = nonce, info = "payload"). The random nonce means a file
     * key reused by a careless caller still yields a fresh payload key.
     */
    public static byte[] derive(byte[] fileKey, byte[] nonce) {
        if (nonce.length != NONCE_SIZE) {
            throw new IllegalArgumentException("payload nonce must be 16 bytes");
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(fileKey, nonce, INFO));
        byte[] key = new byte[KEY_SIZE];
        hkdf.generateBytes(key, 0, key.length);
        return key;
    }
}
