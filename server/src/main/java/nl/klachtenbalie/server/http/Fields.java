package nl.klachtenbalie.server.http;

import java.util.Base64;
import java.util.HexFormat;
import nl.klachtenbalie.server.error.ApiException;

/**
 * Decoding of request fields with one canonical spelling each: lower-case hex of an exact length,
 * standard padded base64 with zero trailing bits. Errors name the field, never its value.
 */
public final class Fields {

    private Fields() {
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw ApiException.badRequest("missing_field", "field '" + field + "' is required");
        }
        return value;
    }

    public static byte[] hex(String value, int bytes, String field) {
        required(value, field);
        if (value.length() != 2 * bytes || !isLowerHex(value)) {
            throw ApiException.badRequest("bad_hex", "field '" + field + "' must be " + (2 * bytes) + " lower-case hex characters");
        }
        return HexFormat.of().parseHex(value);
    }

    public static byte[] base64(String value, String field) {
        required(value, field);
        int n = value.length();
        if (n == 0 || n % 4 != 0) {
            throw badBase64(field);
        }
        byte[] out;
        try {
            out = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw badBase64(field);
        }
        // Canonical: re-encoding the last group gives the same characters (no stray trailing bits).
        int tailBytes = out.length % 3 == 0 ? 3 : out.length % 3;
        byte[] tail = new byte[Math.min(tailBytes, out.length)];
        System.arraycopy(out, out.length - tail.length, tail, 0, tail.length);
        if (!Base64.getEncoder().encodeToString(tail).equals(value.substring(n - 4))) {
            throw badBase64(field);
        }
        return out;
    }

    /** Upper bound of the bytes {@code chars} base64 characters decode to. */
    public static long decodedBound(long chars) {
        return chars / 4 * 3;
    }

    private static ApiException badBase64(String field) {
        return ApiException.badRequest("bad_base64", "field '" + field + "' must be standard base64 with padding");
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
