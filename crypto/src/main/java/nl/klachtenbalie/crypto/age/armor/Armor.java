package nl.klachtenbalie.crypto.age.armor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Constants of the age ASCII armor (a strict subset of PEM, RFC 7468). */
public final class Armor {

    public static final String BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
    public static final String END = "-----END AGE ENCRYPTED FILE-----";
    /** Base64 columns per line; every line but the last is exactly this long. */
    static final int COLUMNS_PER_LINE = 64;
    /** Bytes encoded by one full line. */
    static final int BYTES_PER_LINE = 48;
    /** Bound on the white space tolerated before and after the armor. */
    public static final int MAX_WHITESPACE = 1024;

    private Armor() {
    }

    /**
     * Whether {@code start} (the first bytes of a file) begins, after white space, with the BEGIN
     * line. A hint for choosing a reader, not validation: the armor reader still checks it all.
     */
    public static boolean startsWithArmor(byte[] start) {
        int i = 0;
        while (i < start.length && isWhitespace(start[i])) {
            i++;
        }
        byte[] begin = BEGIN.getBytes(StandardCharsets.US_ASCII);
        return start.length - i >= begin.length
                && Arrays.equals(start, i, i + begin.length, begin, 0, begin.length);
    }

    static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
    }
}
