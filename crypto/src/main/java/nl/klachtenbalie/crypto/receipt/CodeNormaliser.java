package nl.klachtenbalie.crypto.receipt;

/**
 * Protocol §2 normalisation: what a reporter types is forgiven before it is validated. Any Unicode
 * decimal digit (general category Nd, in any script) becomes its ASCII digit, and the listed
 * separators disappear; anything else is an error. People copy codes from phones set to Arabic,
 * Hindi or Thai, paste them with no-break spaces from a chat, or type them with dashes.
 */
public final class CodeNormaliser {

    /** Input longer than this is refused before any work: no honest spelling of a code comes close. */
    static final int MAX_INPUT_LENGTH = 256;

    /**
     * The Unicode White_Space property (a stable, closed set) plus the listed punctuation. Fixed
     * here rather than taken from {@link Character#isWhitespace}, which leaves out no-break spaces,
     * so the browser can use exactly the same list.
     */
    private static final int[] SEPARATORS = {
        0x0009, 0x000A, 0x000B, 0x000C, 0x000D, 0x0020, 0x0085, 0x00A0, 0x1680,
        0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
        0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
        '-', 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, '.', '_', '/',
    };

    private CodeNormaliser() {
    }

    /** True if {@code codePoint} is one of the separators removed by normalisation. */
    public static boolean isSeparator(int codePoint) {
        for (int s : SEPARATORS) {
            if (s == codePoint) {
                return true;
            }
        }
        return false;
    }

    /** The ASCII digit for a Unicode decimal digit, or -1 if {@code codePoint} is not one. */
    public static int digitValue(int codePoint) {
        if (Character.getType(codePoint) != Character.DECIMAL_DIGIT_NUMBER) {
            return -1;
        }
        return Character.digit(codePoint, 10);
    }

    /**
     * Maps digits to ASCII and drops separators.
     *
     * @throws ReceiptCodeException {@code NOT_A_CODE} for any other character, {@code WRONG_LENGTH}
     *     for input over {@link #MAX_INPUT_LENGTH} UTF-16 units
     */
    static String normalise(String input) throws ReceiptCodeException {
        if (input == null) {
            throw new ReceiptCodeException(ReceiptCodeException.Reason.NOT_A_CODE);
        }
        if (input.length() > MAX_INPUT_LENGTH) {
            throw new ReceiptCodeException(ReceiptCodeException.Reason.WRONG_LENGTH);
        }
        StringBuilder out = new StringBuilder(32);
        for (int i = 0; i < input.length(); ) {
            int cp = input.codePointAt(i);
            i += Character.charCount(cp);
            int d = digitValue(cp);
            if (d >= 0) {
                out.append((char) ('0' + d));
            } else if (!isSeparator(cp)) {
                throw new ReceiptCodeException(ReceiptCodeException.Reason.NOT_A_CODE);
            }
        }
        return out.toString();
    }
}
