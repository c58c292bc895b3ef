package nl.klachtenbalie.crypto.receipt;

/**
 * The Damm check digit: one decimal digit that catches every single-digit error and every
 * transposition of two adjacent digits, which are the typos people make most when copying a code.
 */
public final class Damm {

    // A weakly totally anti-symmetric quasigroup of order 10 (Damm, 2004): row = interim, column = digit.
    private static final byte[][] TABLE = {
        {0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
        {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
        {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
        {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
        {6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
        {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
        {5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
        {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
        {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
        {2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
    };

    private Damm() {
    }

    /**
     * The check digit for a string of ASCII digits; appending it makes {@link #isValid} true.
     *
     * @throws IllegalArgumentException if {@code digits} contains anything but ASCII digits
     */
    public static char checkDigit(CharSequence digits) {
        int interim = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not an ASCII digit");
            }
            interim = TABLE[interim][c - '0'];
        }
        return (char) ('0' + interim);
    }

    /** True if the last digit of {@code digitsWithCheck} is the Damm check digit of the others. */
    public static boolean isValid(CharSequence digitsWithCheck) {
        return checkDigit(digitsWithCheck) == '0';
    }
}
