package nl.klachtenbalie.crypto.encoding;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Standard base64 (RFC 4648 §4) with exactly one accepted spelling per byte string.
 *
 * <p>The JDK decoder is lenient in two ways that matter for authenticated formats: it accepts
 * missing padding and it ignores non-zero trailing bits, so several strings decode to the same
 * bytes. age computes its header MAC over the re-encoded header, so a lenient parser would let an
 * attacker produce files that other implementations read differently. Here a string is accepted
 * only if re-encoding the decoded bytes gives the identical string; anything else, including
 * line breaks, white space and characters outside the alphabet, fails with
 * {@link IllegalArgumentException}.
 */
public final class StrictBase64 {

    private static final Base64.Encoder PADDED = Base64.getEncoder();
    private static final Base64.Encoder UNPADDED = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private StrictBase64() {
    }

    /** Encodes without padding, as age header arguments and stanza bodies are written. */
    public static String encodeUnpadded(byte[] data) {
        return UNPADDED.encodeToString(data);
    }

    /** Encodes with padding, as armor lines are written. */
    public static String encodePadded(byte[] data) {
        return PADDED.encodeToString(data);
    }

    /** Decodes canonical unpadded base64; {@code =} anywhere is rejected. */
    public static byte[] decodeUnpadded(String s) {
        return decodeCanonical(s, UNPADDED);
    }

    /** Decodes canonical padded base64; the length must be a multiple of four. */
    public static byte[] decodePadded(String s) {
        return decodeCanonical(s, PADDED);
    }

    /** Decodes canonical unpadded base64 from ASCII bytes {@code [from, to)}. */
    public static byte[] decodeUnpadded(byte[] ascii, int from, int to) {
        return decodeUnpadded(new String(ascii, from, to - from, StandardCharsets.ISO_8859_1));
    }

    private static byte[] decodeCanonical(String s, Base64.Encoder canonical) {
        byte[] decoded;
        try {
            decoded = DECODER.decode(s);
        } catch (IllegalArgumentException e) {
            // The JDK message may quote input characters; keep ours free of input.
            throw new IllegalArgumentException("base64: invalid encoding");
        }
        if (!canonical.encodeToString(decoded).equals(s)) {
            throw new IllegalArgumentException("base64: not canonical");
        }
        return decoded;
    }
}
