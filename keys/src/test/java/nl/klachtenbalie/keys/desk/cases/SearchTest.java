package nl.klachtenbalie.keys.desk.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Search's hand-written normalisation must equal the regex definition it replaced, for any text. */
class SearchTest {

    /** The definition: NFKD, every {@code \p{M}} removed, lower case. */
    static String reference(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    @Test
    void accentsAndCaseDoNotMatterInTheLanguagesOfTheDesk() {
        assertEquals("sekswerk", Search.normalise("Sekswérk"));
        assertEquals("zazolc gesla jazn", Search.normalise("Zażółć gęślą jaźń").replace("ł", "l"));
        assertEquals("sa nu platesti in avans", Search.normalise("Să nu plătești în avans"));
        assertEquals("senor, anos", Search.normalise("Señor, años"));
        assertEquals(List.of("loonstrook", "huur"), Search.terms("  Loonstrook   HUUR "));
    }

    @Test
    void equalsTheRegexDefinitionOnRandomText() {
        // Latin with precomposed and combining accents, Greek, Cyrillic, Arabic with harakat, Devanagari
        // (spacing combining marks), enclosing marks, compatibility forms (ligatures, full width), emoji and
        // other supplementary code points, lone surrogates.
        int[] pool = {'a', 'Z', ' ', '\n', 'é', 'ł', 'ș', 'ț', 'ñ', 'İ', 'ß', 0x0301, 0x0308, 0x0328, 0x20DD, 0x0394, 0x0416,
            0x0628, 0x064E, 0x0915, 0x093F, 0x094D, 0xFB01, 0xFF21, 0x2460, 0x1F600, 0x1D400, 0x1E0A, 0xD800, 0xDC00, 0x00AD};
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(24);
            for (int k = 0; k < len; k++) {
                int cp = pool[r.nextInt(pool.length)];
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                    sb.append((char) cp);
                } else {
                    sb.appendCodePoint(cp);
                }
            }
            String s = sb.toString();
            assertEquals(reference(s), Search.normalise(s), () -> "for " + s.codePoints().mapToObj(Integer::toHexString).toList());
        }
    }

    @Test
    void anEmptyQueryMatchesWithoutBuildingTheSearchText() {
        assertTrue(Search.terms("   ").isEmpty());
        assertTrue(Search.matches(null, List.of()), "no terms: every case matches, and the case is not read");
    }
}
