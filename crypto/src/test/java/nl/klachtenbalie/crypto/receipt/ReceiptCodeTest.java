package nl.klachtenbalie.crypto.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import nl.klachtenbalie.crypto.receipt.ReceiptCodeException.Reason;
import org.junit.jupiter.api.Test;

class ReceiptCodeTest {

    /** A SecureRandom that replays fixed bytes, so generation is testable. */
    static final class ReplayRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;
        private int pos;

        ReplayRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            for (int i = 0; i < out.length; i++) {
                out[i] = bytes[pos++ % bytes.length];
            }
        }
    }

    @Test
    void generatedCodesAreValidAndRoundTrip() throws ReceiptCodeException {
        SecureRandom r = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            ReceiptCode c = ReceiptCode.generate(r);
            assertEquals(24, c.digits().length());
            assertEquals('1', c.digits().charAt(0));
            assertEquals(1, c.version());
            assertEquals(c, ReceiptCode.parse(c.digits()));
            assertEquals(c, ReceiptCode.parse(c.grouped()));
            assertEquals(29, c.grouped().length());
        }
    }

    @Test
    void rejectionSamplingSkipsBytesFrom250() {
        byte[] stream = new byte[64];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = (byte) (i % 2 == 0 ? 250 + (i / 2) % 6 : 100 + i); // every other byte is >= 250
        }
        ReceiptCode c = ReceiptCode.generate(new ReplayRandom(stream));
        StringBuilder expected = new StringBuilder("1");
        for (int i = 1; expected.length() < 21; i += 2) {
            expected.append((100 + i) % 10);
        }
        assertEquals(expected.toString(), c.digits().substring(0, 21));
    }

    @Test
    void displayForm() throws ReceiptCodeException {
        ReceiptCode c = ReceiptCode.generate(new ReplayRandom(new byte[] {7}));
        String d = c.digits();
        assertEquals("17777777777777777777" + "7" + ReceiptCode.checkDigits("177777777777777777777"), d);
        assertEquals(d.substring(0, 4) + " " + d.substring(4, 8) + " " + d.substring(8, 12) + " "
                + d.substring(12, 16) + " " + d.substring(16, 20) + " " + d.substring(20), c.grouped());
    }

    @Test
    void everySingleSubstitutionAndAdjacentSwapIsRejected() {
        SecureRandom r = new SecureRandom();
        List<String> accepted = new ArrayList<>();
        for (int n = 0; n < 2000; n++) {
            String code = ReceiptCode.generate(r).digits();
            for (int i = 0; i < code.length(); i++) {
                for (char d = '0'; d <= '9'; d++) {
                    if (d != code.charAt(i)) {
                        tryParse(code.substring(0, i) + d + code.substring(i + 1), accepted);
                    }
                }
                if (i + 1 < code.length() && code.charAt(i) != code.charAt(i + 1)) {
                    tryParse(code.substring(0, i) + code.charAt(i + 1) + code.charAt(i) + code.substring(i + 2),
                            accepted);
                }
            }
        }
        assertEquals(List.of(), accepted);
    }

    private static void tryParse(String typo, List<String> accepted) {
        try {
            ReceiptCode.parse(typo);
            accepted.add(typo);
        } catch (ReceiptCodeException e) {
            // expected: CHECK_FAILED or UNKNOWN_VERSION
        }
    }

    @Test
    void normalisesScriptsAndSeparators() throws ReceiptCodeException {
        ReceiptCode c = ReceiptCode.generate(new SecureRandom());
        String d = c.digits();
        int[] zeros = {0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x0ED0, 0x1040, 0xFF10, 0x1D7CE};
        for (int zero : zeros) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < d.length(); i++) {
                sb.appendCodePoint(zero + d.charAt(i) - '0');
                if (i % 4 == 3) {
                    sb.append('\u00a0');
                }
            }
            assertEquals(c, ReceiptCode.parse(sb.toString()), Integer.toHexString(zero));
        }
        String[] seps = {" ", "\u00a0", "\u202f", "\u2007", "\t", "\n", "-", "\u2010", "\u2011", "\u2012",
            "\u2013", "\u2014", ".", "_", "/", "\u3000", "  - "};
        for (String sep : seps) {
            String typed = d.substring(0, 4) + sep + d.substring(4, 12) + sep + d.substring(12) + sep;
            assertEquals(c, ReceiptCode.parse(typed), "separator U+" + Integer.toHexString(sep.charAt(0)));
        }
        // Mixed scripts in one code are forgiven too.
        String mixed = "\u0661" + d.substring(1, 12) + d.substring(12);
        assertEquals(c, ReceiptCode.parse(mixed));
    }

    @Test
    void errorReasons() {
        String valid = ReceiptCode.generate(new SecureRandom()).digits();
        assertReason(Reason.NOT_A_CODE, valid.substring(0, 23) + "a");
        assertReason(Reason.NOT_A_CODE, valid + "+");
        assertReason(Reason.NOT_A_CODE, valid.substring(0, 12) + "\ufeff" + valid.substring(12)); // BOM is not white space
        assertReason(Reason.NOT_A_CODE, valid.substring(0, 12) + "\u2212" + valid.substring(12)); // minus sign
        assertReason(Reason.NOT_A_CODE, valid.substring(0, 12) + "\u00b2" + valid.substring(12)); // superscript two: No, not Nd
        assertReason(Reason.NOT_A_CODE, valid.substring(0, 12) + "\u2163" + valid.substring(12)); // roman numeral four: Nl
        assertReason(Reason.NOT_A_CODE, valid.substring(0, 12) + "\ud800" + valid.substring(12)); // lone surrogate
        assertReason(Reason.NOT_A_CODE, null);
        assertReason(Reason.WRONG_LENGTH, "");
        assertReason(Reason.WRONG_LENGTH, " - ");
        assertReason(Reason.WRONG_LENGTH, valid.substring(0, 23));
        assertReason(Reason.WRONG_LENGTH, valid + "0");
        assertReason(Reason.WRONG_LENGTH, valid + " ".repeat(233));
        assertReason(Reason.UNKNOWN_VERSION, "2" + valid.substring(1));
        assertReason(Reason.UNKNOWN_VERSION, "0" + valid.substring(1));
        char last = valid.charAt(23);
        assertReason(Reason.CHECK_FAILED, valid.substring(0, 23) + (char) (last == '9' ? '0' : last + 1));
    }

    private static void assertReason(Reason reason, String input) {
        ReceiptCodeException e = assertThrows(ReceiptCodeException.class, () -> ReceiptCode.parse(input));
        assertEquals(reason, e.reason(), String.valueOf(input));
    }

    @Test
    void inputAtTheLengthLimitIsStillNormalised() throws ReceiptCodeException {
        ReceiptCode c = ReceiptCode.generate(new SecureRandom());
        String padded = c.digits() + " ".repeat(256 - 24);
        assertEquals(c, ReceiptCode.parse(padded));
    }

    @Test
    void secretsStayOutOfToStringAndMessages() {
        ReceiptCode c = ReceiptCode.generate(new SecureRandom());
        assertFalse(c.toString().contains(c.digits().substring(4, 10)));
        ReceiptCodeException e = assertThrows(ReceiptCodeException.class,
                () -> ReceiptCode.parse(c.digits().substring(0, 23) + "x"));
        assertFalse(e.getMessage().contains(c.digits().substring(4, 10)));
    }

    @Test
    void equalityIsByValue() throws ReceiptCodeException {
        ReceiptCode a = ReceiptCode.generate(new SecureRandom());
        ReceiptCode b = ReceiptCode.parse(a.grouped());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, ReceiptCode.generate(new SecureRandom()));
        assertNotEquals(a, a.digits());
    }

    @Test
    void everyNdCharacterMapsToItsValue() {
        int count = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
                int v = CodeNormaliser.digitValue(cp);
                assertTrue(v >= 0 && v <= 9, Integer.toHexString(cp));
                // Nd digits come in runs of ten starting at zero: the browser's table relies on it.
                assertEquals(Character.DECIMAL_DIGIT_NUMBER, Character.getType(cp - v));
                assertEquals(0, CodeNormaliser.digitValue(cp - v));
                count++;
            }
        }
        assertTrue(count >= 600, "Unicode has over 60 decimal digit scripts");
        assertFalse(CodeNormaliser.isSeparator('a'));
        assertTrue(CodeNormaliser.isSeparator(0x00a0));
    }
}
