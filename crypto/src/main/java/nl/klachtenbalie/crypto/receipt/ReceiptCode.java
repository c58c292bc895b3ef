package nl.klachtenbalie.crypto.receipt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * A receipt code (protocol §2): 24 ASCII digits {@code V ‖ R ‖ D ‖ H} — a scheme version, 20
 * uniformly random digits (≈ 66 bits), a Damm check digit and two hash check digits.
 *
 * <p>The code is the reporter's only credential: it unlocks the mailbox and derives every key the
 * reporter holds. So {@link #toString()} is redacted, {@link #equals} is constant-time and
 * {@link #hashCode()} reveals nothing. {@link #digits()} and {@link #grouped()} return the secret
 * itself, for display to its owner and for key derivation only.
 */
public final class ReceiptCode {

    /** Total number of digits. */
    public static final int LENGTH = 24;
    /** Number of random digits. */
    public static final int RANDOM_DIGITS = 20;
    /** The only scheme version this software knows. */
    public static final int VERSION_1 = 1;

    private static final byte[] CHECK_LABEL = "klachtenbalie/v1/receipt-check".getBytes(StandardCharsets.US_ASCII);

    private final byte[] digits;

    private ReceiptCode(byte[] asciiDigits) {
        this.digits = asciiDigits;
    }

    /**
     * Draws a fresh version-1 code. Digits come from random bytes by rejection sampling — a byte
     * {@code b < 250} gives {@code b mod 10}, larger bytes are skipped — so every digit is uniform.
     * Bytes are used in the order {@code random} produces them.
     */
    public static ReceiptCode generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        StringBuilder body = new StringBuilder(LENGTH);
        body.append((char) ('0' + VERSION_1));
        byte[] buffer = new byte[32];
        while (body.length() < 1 + RANDOM_DIGITS) {
            random.nextBytes(buffer);
            for (int i = 0; i < buffer.length && body.length() < 1 + RANDOM_DIGITS; i++) {
                int b = buffer[i] & 0xff;
                if (b < 250) {
                    body.append((char) ('0' + b % 10));
                }
            }
        }
        Arrays.fill(buffer, (byte) 0);
        String withChecks = body + checkDigits(body);
        return new ReceiptCode(withChecks.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Normalises and validates what a reporter typed (protocol §2).
     *
     * @throws ReceiptCodeException naming the first rule the input breaks
     */
    public static ReceiptCode parse(String userInput) throws ReceiptCodeException {
        String normalised = CodeNormaliser.normalise(userInput);
        if (normalised.length() != LENGTH) {
            throw new ReceiptCodeException(ReceiptCodeException.Reason.WRONG_LENGTH);
        }
        if (normalised.charAt(0) - '0' != VERSION_1) {
            throw new ReceiptCodeException(ReceiptCodeException.Reason.UNKNOWN_VERSION);
        }
        String body = normalised.substring(0, 1 + RANDOM_DIGITS);
        byte[] expected = checkDigits(body).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = normalised.substring(1 + RANDOM_DIGITS).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new ReceiptCodeException(ReceiptCodeException.Reason.CHECK_FAILED);
        }
        return new ReceiptCode(normalised.getBytes(StandardCharsets.US_ASCII));
    }

    /** The three check digits {@code D ‖ H} for {@code V ‖ R}. */
    static String checkDigits(CharSequence versionAndRandom) {
        char damm = Damm.checkDigit(versionAndRandom);
        SHA256Digest sha = new SHA256Digest();
        sha.update(CHECK_LABEL, 0, CHECK_LABEL.length);
        byte[] body = versionAndRandom.toString().getBytes(StandardCharsets.US_ASCII);
        sha.update(body, 0, body.length);
        byte[] hash = new byte[32];
        sha.doFinal(hash, 0);
        int h = (((hash[0] & 0xff) << 8) | (hash[1] & 0xff)) % 100;
        return "" + damm + (char) ('0' + h / 10) + (char) ('0' + h % 10);
    }

    /** The scheme version (the first digit). */
    public int version() {
        return digits[0] - '0';
    }

    /** The normalised 24 ASCII digits: the secret itself. */
    public String digits() {
        return new String(digits, StandardCharsets.US_ASCII);
    }

    /** The ASCII bytes of {@link #digits()}, the Argon2id password; a fresh copy. */
    byte[] passwordBytes() {
        return digits.clone();
    }

    /** Display form: six groups of four digits separated by single spaces. The secret itself. */
    public String grouped() {
        StringBuilder sb = new StringBuilder(LENGTH + 5);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append(' ');
            }
            sb.append((char) digits[i]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceiptCode other && MessageDigest.isEqual(digits, other.digits);
    }

    /** Constant: a content-derived hash would leak bits of the secret; codes are not map keys. */
    @Override
    public int hashCode() {
        return 1;
    }

    @Override
    public String toString() {
        return "ReceiptCode[redacted]";
    }
}
