package nl.klachtenbalie.server.team;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords as every authenticator app speaks them: HMAC-SHA-1,
 * 30-second steps, 6 digits, accepting one step of clock drift either way.
 */
public final class Totp {

    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() {
    }

    /** The time step containing {@code epochSeconds}. */
    public static long step(long epochSeconds) {
        return Math.floorDiv(epochSeconds, STEP_SECONDS);
    }

    /** The code for {@code step}, zero-padded to {@code digits}. */
    public static String code(byte[] secret, long step, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
                    | (h[offset + 3] & 0xff);
            long mod = (long) Math.pow(10, digits);
            String s = Long.toString(binary % mod);
            return "0".repeat(digits - s.length()) + s;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /**
     * The step (now − 1, now or now + 1) whose code equals {@code code}, or −1. Every candidate is
     * compared in constant time.
     */
    public static long matchingStep(byte[] secret, String code, long epochSeconds) {
        if (code == null || code.length() != DIGITS) {
            return -1;
        }
        long now = step(epochSeconds);
        long found = -1;
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        for (long s = now - 1; s <= now + 1; s++) {
            if (MessageDigest.isEqual(given, code(secret, s, DIGITS).getBytes(StandardCharsets.US_ASCII)) && found < 0) {
                found = s;
            }
        }
        return found;
    }

    /** RFC 4648 base32 without padding, as authenticator apps expect in otpauth URIs. */
    public static String base32(byte[] data) {
        StringBuilder sb = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(BASE32.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return sb.toString();
    }

    /** The otpauth URI an authenticator app scans or imports. */
    public static String otpauthUri(String issuer, String account, byte[] secret) {
        String label = issuer + ":" + account;
        return "otpauth://totp/" + label.replace(" ", "%20") + "?secret=" + base32(secret) + "&issuer=" + issuer.replace(" ", "%20")
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }
}
