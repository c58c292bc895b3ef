package nl.klachtenbalie.keys.desk.cases;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Full-text search over decrypted text, in memory only (an on-disk index would be plaintext).
 * Case- and accent-insensitive: "Sekswerk" finds "sekswérk"; every word of the query must occur.
 */
public final class Search {

    private Search() {
    }

    /**
     * NFKD, without combining marks (general category M, as the regex {@code \p{M}}), lower case.
     * A loop rather than a regex replace: every case's text goes through here once after the desk
     * opens, and the regex was most of that time at 100,000 cases (docs/benchmarks.md §4).
     */
    public static String normalise(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(d.length());
        for (int i = 0; i < d.length();) {
            int cp = d.codePointAt(i);
            if (!isMark(cp)) {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    public static List<String> terms(String query) {
        return Arrays.stream(normalise(query).split("\\s+")).filter(t -> !t.isEmpty()).toList();
    }

    static boolean matches(Case c, List<String> terms) {
        if (terms.isEmpty()) {
            return true; // listing everything must not build every case's search text
        }
        String text = c.searchText();
        return terms.stream().allMatch(text::contains);
    }
}
