package nl.klachtenbalie.crypto.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DammTest {

    @Test
    void knownAnswer() {
        // The worked example from Damm's paper and every description of the algorithm.
        assertEquals('4', Damm.checkDigit("572"));
        assertTrue(Damm.isValid("5724"));
        assertFalse(Damm.isValid("5723"));
        assertEquals('0', Damm.checkDigit(""));
    }

    @Test
    void catchesEverySingleErrorAndAdjacentSwapOnAllThreeDigitStrings() {
        for (int n = 0; n < 1000; n++) {
            String s = String.format("%03d", n);
            String full = s + Damm.checkDigit(s);
            for (int i = 0; i < full.length(); i++) {
                for (char d = '0'; d <= '9'; d++) {
                    if (d != full.charAt(i)) {
                        String bad = full.substring(0, i) + d + full.substring(i + 1);
                        assertFalse(Damm.isValid(bad), bad);
                    }
                }
                if (i + 1 < full.length() && full.charAt(i) != full.charAt(i + 1)) {
                    String swapped = full.substring(0, i) + full.charAt(i + 1) + full.charAt(i) + full.substring(i + 2);
                    assertFalse(Damm.isValid(swapped), swapped);
                }
            }
        }
    }

    @Test
    void refusesNonAsciiDigits() {
        assertThrows(IllegalArgumentException.class, () -> Damm.checkDigit("12a"));
        assertThrows(IllegalArgumentException.class, () -> Damm.checkDigit("\u0661"));
    }
}
