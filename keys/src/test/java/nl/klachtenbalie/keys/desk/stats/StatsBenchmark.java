package nl.klachtenbalie.keys.desk.stats;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Not a test: {@code java ... StatsBenchmark [cases]} times the statistics over 100,000 cases
 * (three years): aggregation and suppression of the national year report (counts only, and with the
 * case ids the ledger keeps), and the whole "Make report" (build, audit against an empty ledger,
 * record). Prints the median of 7 runs after 3 warm-ups as Markdown rows ({@code bin/bench --only=stats}).
 * {@code --counts=1000,10000} measures other sizes (the growth rows).
 */
public final class StatsBenchmark {

    private StatsBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int[] counts = {100_000};
        for (String a : args) {
            if (a.startsWith("--counts=")) {
                counts = Arrays.stream(a.substring(9).split(",")).mapToInt(Integer::parseInt).toArray();
            } else if (a.matches("\\d+")) {
                counts = new int[] {Integer.parseInt(a)};
            }
        }
        for (int n : counts) {
            measure(n);
        }
    }

    /** Prints one Markdown row per measurement, in the format of bin/bench. */
    private static void measure(int n) {
        List<StatCase> cases = Cases.random(new Random(1), n, YearMonth.of(2024, 1), 36);
        Reports reports = new Reports(StatsConfig.defaults());
        ReportSpec year = new ReportSpec(ReportSpec.Type.NATIONAL, Period.parse("2025"), null);
        ReportSpec eval = new ReportSpec(ReportSpec.Type.EVALUATION, Period.parse("2026-Q4"), null);
        String what = String.format("%,d cases (3 years)", n);
        row(what + ": national year report, counts only (aggregation + suppression)",
                median(() -> reports.build(year, cases, false)), true);
        row(what + ": national year report with the ledger's case ids",
                median(() -> reports.build(year, cases, true)), true);
        row(what + ": evaluation view (18 months + 3 years) with ids",
                median(() -> reports.build(eval, cases, true)), true);
        row(what + ": whole \"Make report\" (build, audit against the ledger, record)", median(() -> {
            try {
                new StatsService(k -> cases, new SuppressionPropertyTest.MemoryStore(), StatsConfig.defaults(),
                        SuppressionPropertyTest.CLOCK, new SecureRandom()).make(year);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }), false);
    }

    private static void row(String what, double ms, boolean goal) {
        String met = !goal ? "(no goal) | —" : ms <= 1000 ? "≤ 1 s | ✅" : "≤ 1 s | ❌";
        System.out.printf("| 4 statistics | %s, median of 7 after 3 warm-ups | %.0f ms | — | — | %s |%n",
                what, ms, met);
    }

    private static double median(Runnable r) {
        for (int i = 0; i < 3; i++) {
            r.run();
        }
        double[] t = new double[7];
        for (int i = 0; i < t.length; i++) {
            long start = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }
}
