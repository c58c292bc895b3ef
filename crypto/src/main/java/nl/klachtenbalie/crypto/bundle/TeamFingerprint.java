package nl.klachtenbalie.crypto.bundle;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;

/**
 * The team fingerprint printed on flyers (protocol §6): the first 20 bytes of
 * {@code SHA-256(ascii("klachtenbalie/v1/root-fingerprint") ‖ rootKey)} in lower-case RFC 4648
 * base32, as eight groups of four separated by {@code -}. 160 bits: a second-preimage is out of
 * reach, and base32 avoids look-alike characters being misread from paper.
 */
public final class TeamFingerprint {

    private static final byte[] LABEL = "klachtenbalie/v1/root-fingerprint".getBytes(StandardCharsets.US_ASCII);
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private TeamFingerprint() {
    }

    /** The grouped fingerprint, e.g. {@code abcd-efgh-…} (39 characters). */
    public static String of(Ed25519PublicKey rootKey) {
        SHA256Digest sha = new SHA256Digest();
        sha.update(LABEL, 0, LABEL.length);
        byte[] key = rootKey.bytes();
        sha.update(key, 0, key.length);
        byte[] hash = new byte[32];
        sha.doFinal(hash, 0);
        // 20 bytes = 160 bits = exactly 32 base32 characters, so no padding arises.
        StringBuilder sb = new StringBuilder(39);
        int buffer = 0;
        int bits = 0;
        int written = 0;
        for (int i = 0; i < 20; i++) {
            buffer = (buffer << 8) | (hash[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                if (written > 0 && written % 4 == 0) {
                    sb.append('-');
                }
                sb.append(ALPHABET.charAt((buffer >>> bits) & 31));
                written++;
            }
        }
        return sb.toString();
    }
}
