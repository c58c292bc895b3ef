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

    public static String normalise(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return d.toLowerCase(Locale.ROOT);
    }

    public static List<String> terms(String query) {
        return Arrays.stream(normalise(query).split("\\s+")).filter(t -> !t.isEmpty()).toList();
    }

    static boolean matches(Case c, List<String> terms) {
        String text = c.searchText();
        return terms.stream().allMatch(text::contains);
    }
}
