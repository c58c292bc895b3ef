package nl.klachtenbalie.keys.desk.stats;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import nl.klachtenbalie.keys.desk.cases.CaseState;

/**
 * Where a case ended up, for statistics, from the desk's {@link CaseState} and the team's labels.
 * Labels are free words, so only the listed ones (English and Dutch) count; the first rule that
 * matches wins:
 *
 * <ol>
 *   <li>label {@code resolved} / {@code opgelost} → {@link #RESOLVED}</li>
 *   <li>label {@code mediated} / {@code bemiddeld} → {@link #MEDIATED}</li>
 *   <li>state {@code referred}, or label {@code referred} / {@code doorverwezen} → {@link #REFERRED}</li>
 *   <li>state {@code closed}, or label {@code no result} / {@code geen resultaat} → {@link #CLOSED_NO_RESULT}</li>
 *   <li>state {@code acknowledged} or {@code in_progress} → {@link #ACKNOWLEDGED}</li>
 *   <li>state {@code new} → {@link #OPEN} (not yet acknowledged)</li>
 * </ol>
 *
 * "What goes well" is separate: label {@code goes well} / {@code gaat goed} / {@code positive} /
 * {@code positief}, for reports about something that worked (a helpful official, a fair club).
 */
public enum Outcome {
    OPEN("open"), ACKNOWLEDGED("acknowledged"), REFERRED("referred"), MEDIATED("mediated"), RESOLVED("resolved"),
    CLOSED_NO_RESULT("closed_no_result");

    private static final Set<String> RESOLVED_LABELS = Set.of("resolved", "opgelost");
    private static final Set<String> MEDIATED_LABELS = Set.of("mediated", "bemiddeld");
    private static final Set<String> REFERRED_LABELS = Set.of("referred", "doorverwezen");
    private static final Set<String> NO_RESULT_LABELS = Set.of("noresult", "geenresultaat");
    private static final Set<String> GOES_WELL_LABELS = Set.of("goeswell", "gaatgoed", "positive", "positief");

    private final String code;

    Outcome(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Outcome of(CaseState state, Set<String> labels) {
        boolean[] has = new boolean[4];
        for (String l : labels) {
            String f = fold(l);
            has[0] |= RESOLVED_LABELS.contains(f);
            has[1] |= MEDIATED_LABELS.contains(f);
            has[2] |= REFERRED_LABELS.contains(f);
            has[3] |= NO_RESULT_LABELS.contains(f);
        }
        if (has[0]) {
            return RESOLVED;
        }
        if (has[1]) {
            return MEDIATED;
        }
        if (has[2] || state == CaseState.REFERRED) {
            return REFERRED;
        }
        if (has[3] || state == CaseState.CLOSED) {
            return CLOSED_NO_RESULT;
        }
        return state == CaseState.NEW ? OPEN : ACKNOWLEDGED;
    }

    public static boolean goesWell(Set<String> labels) {
        return labels.stream().map(Outcome::fold).anyMatch(GOES_WELL_LABELS::contains);
    }

    private static String fold(String label) {
        String n = Normalizer.normalize(label, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c >= 'a' && c <= 'z') {
                b.append(c);
            }
        }
        return b.toString();
    }
}
