package nl.klachtenbalie.crypto.age;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** The few primitive calls age makes, on Bouncy Castle's lightweight API. */
final class Primitives {

    static final int FILE_KEY_SIZE = 16;
    static final int KEY_SIZE = 32;
    private static final int TAG_SIZE = 16;

    private Primitives() {
    }

    static byte[] hkdfSha256(byte[] ikm, byte[] salt, String info) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, salt, info.getBytes(StandardCharsets.US_ASCII)));
        byte[] out = new byte[KEY_SIZE];
        hkdf.generateBytes(out, 0, out.length);
        return out;
    }

    static byte[] hmacSha256(byte[] key, byte[] message) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        mac.update(message, 0, message.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    /**
     * Encrypts a file key under a single-use wrapping key. The all-zero nonce is safe because
     * every wrapping key is derived from a fresh ephemeral secret or salt and used exactly once.
     */
    static byte[] sealFileKey(byte[] wrappingKey, byte[] fileKey) {
        ChaCha20Poly1305 aead = init(true, wrappingKey);
        byte[] out = new byte[fileKey.length + TAG_SIZE];
        int n = aead.processBytes(fileKey, 0, fileKey.length, out, 0);
        try {
            aead.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 failed to encrypt", e);
        }
        return out;
    }

    /**
     * Opens a wrapped file key. Empty means authentication failed — the stanza is not for this
     * key. The caller must have checked the body length, which is a format error instead.
     */
    static Optional<byte[]> openFileKey(byte[] wrappingKey, byte[] body) {
        ChaCha20Poly1305 aead = init(false, wrappingKey);
        byte[] out = new byte[FILE_KEY_SIZE];
        try {
            int n = aead.processBytes(body, 0, body.length, out, 0);
            aead.doFinal(out, n);
            return Optional.of(out);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, (byte) 0);
            return Optional.empty();
        }
    }

    static boolean isWrappedFileKeySize(byte[] body) {
        return body.length == FILE_KEY_SIZE + TAG_SIZE;
    }

    private static ChaCha20Poly1305 init(boolean encrypt, byte[] key) {
        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        aead.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_SIZE * 8, new byte[12]));
        return aead;
    }
}
