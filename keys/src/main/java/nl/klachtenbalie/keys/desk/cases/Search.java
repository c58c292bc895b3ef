package nl.klachtenbalie.keys.desk.cases;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

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

    /**
     * Cases matching every word of {@code query} (empty: all) and {@code filter}, overdue first,
     * then by the nearest running deadline, then newest first.
     */
    static List<Case> list(Collection<Case> cases, String query, Predicate<Case> filter, LocalDate today) {
        List<String> terms = terms(query == null ? "" : query);
        // Deadlines once per case, not twice per comparison (10,000 cases: ~280,000 comparisons).
        Comparator<Map.Entry<Case, Deadlines>> order = Comparator.comparing((Map.Entry<Case, Deadlines> e) -> !e.getValue().overdue())
                .thenComparingLong(e -> e.getValue().daysLeft())
                .thenComparing(e -> e.getKey().reportDay(), Comparator.reverseOrder());
        return cases.stream().filter(filter).filter(c -> matches(c, terms))
                .map(c -> Map.entry(c, c.deadlines(today))).sorted(order).map(Map.Entry::getKey).toList();
    }
}
