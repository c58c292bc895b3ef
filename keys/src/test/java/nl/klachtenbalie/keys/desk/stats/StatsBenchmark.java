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
 * record). Prints the median of 7 runs after 3 warm-ups. The figure goes into docs/benchmarks.md.
 */
public final class StatsBenchmark {

    private StatsBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<StatCase> cases = Cases.random(new Random(1), n, YearMonth.of(2024, 1), 36);
        Reports reports = new Reports(StatsConfig.defaults());
        ReportSpec year = new ReportSpec(ReportSpec.Type.NATIONAL, Period.parse("2025"), null);
        ReportSpec eval = new ReportSpec(ReportSpec.Type.EVALUATION, Period.parse("2026-Q4"), null);
        System.out.printf("cases: %d%n", n);
        System.out.printf("national year, counts only:      %.1f ms%n", median(() -> reports.build(year, cases, false)));
        System.out.printf("national year, with ledger ids:  %.1f ms%n", median(() -> reports.build(year, cases, true)));
        System.out.printf("evaluation (3 years), with ids:  %.1f ms%n", median(() -> reports.build(eval, cases, true)));
        System.out.printf("make report (build+audit+record): %.1f ms%n", median(() -> {
            try {
                new StatsService(k -> cases, new SuppressionPropertyTest.MemoryStore(), StatsConfig.defaults(),
                        SuppressionPropertyTest.CLOCK, new SecureRandom()).make(year);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }));
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
