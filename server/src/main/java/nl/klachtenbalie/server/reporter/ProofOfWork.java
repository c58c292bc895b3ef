package nl.klachtenbalie.server.reporter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The mailbox-creation puzzle: find 8 bytes {@code pow} such that
 * {@code SHA-256(ascii("klachtenbalie/v1/pow") ‖ nonce ‖ pow)} starts with at least the required
 * number of zero bits. It costs a client about 2^difficulty hashes and the server one.
 */
public final class ProofOfWork {

    static final byte[] LABEL = "klachtenbalie/v1/pow".getBytes(StandardCharsets.US_ASCII);
    public static final int LENGTH = 8;

    private ProofOfWork() {
    }

    /** The number of leading zero bits of the puzzle hash. */
    public static int leadingZeroBits(byte[] nonce, byte[] pow) {
        byte[] h = hash(nonce, pow);
        int bits = 0;
        for (byte b : h) {
            if (b == 0) {
                bits += 8;
                continue;
            }
            bits += Integer.numberOfLeadingZeros(b & 0xff) - 24;
            break;
        }
        return bits;
    }

    /** Solves the puzzle by brute force; for tests and the demo only. */
    public static byte[] solve(byte[] nonce, int difficulty) {
        byte[] pow = new byte[LENGTH];
        for (long i = 0;; i++) {
            for (int k = 0; k < LENGTH; k++) {
                pow[k] = (byte) (i >>> (8 * (LENGTH - 1 - k)));
            }
            if (leadingZeroBits(nonce, pow) >= difficulty) {
                return pow;
            }
        }
    }

    private static byte[] hash(byte[] nonce, byte[] pow) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(LABEL);
            d.update(nonce);
            d.update(pow);
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
