package nl.klachtenbalie.keys.desk.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests: on random case sets, and on sequences of releases over a changing case set, no
 * released cell and no difference of released cells (within a table, and across every release in
 * the ledger) reveals a count between 1 and threshold−1 — checked by the independent
 * {@link Disclosure} oracle. Failures are collected, so one run shows them all.
 */
class SuppressionPropertyTest {

    static final YearMonth START = YearMonth.of(2024, 1);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2027-01-05T10:00:00Z"), ZoneOffset.UTC);

    /** A ledger store in memory that also proves what is saved reads back. */
    static final class MemoryStore implements StatsService.LedgerStore {
        byte[] saved;

        @Override
        public Optional<byte[]> load() {
            return Optional.ofNullable(saved == null ? null : saved.clone());
        }

        @Override
        public void save(byte[] plaintext) {
            saved = plaintext.clone();
        }
    }

    static List<List<Table>> tables(StatsService s) {
        return s.releases().stream().map(LedgerRelease::tables).toList();
    }

    @Test
    void singleReportsOnRandomCaseSetsRevealNoSmallCount() throws IOException {
        List<String> failures = new ArrayList<>();
        for (int threshold : new int[] {3, 5, 10}) {
            Reports reports = new Reports(StatsConfig.withThreshold(threshold));
            for (int seed = 0; seed < 60; seed++) {
                Random r = new Random(seed * 31L + threshold);
                List<StatCase> cases = Cases.random(r, r.nextInt(600), START, 36);
                for (ReportSpec spec : List.of(
                        new ReportSpec(ReportSpec.Type.NATIONAL, Period.parse("2025-Q" + (1 + r.nextInt(4))), null),
                        new ReportSpec(ReportSpec.Type.NATIONAL, Period.parse("2025-0" + (1 + r.nextInt(9))), null),
                        new ReportSpec(ReportSpec.Type.AREA, Period.parse("2025"), "province:noord-holland"),
                        new ReportSpec(ReportSpec.Type.EVALUATION, Period.parse("2026-Q4"), null))) {
                    // Each table alone, straight from the suppressor…
                    Report rep = reports.build(spec, cases, true);
                    for (Table t : rep.tables()) {
                        for (String p : Disclosure.problems(List.of(List.of(t)), threshold)) {
                            failures.add("seed " + seed + " t=" + threshold + " " + spec + " alone: " + p);
                        }
                    }
                    // …and the whole report as released (tables of one report can be subtracted too).
                    StatsService s = new StatsService(k -> cases, new MemoryStore(), StatsConfig.withThreshold(threshold),
                            CLOCK, new SecureRandom());
                    s.make(spec);
                    for (String p : Disclosure.problems(tables(s), threshold)) {
                        failures.add("seed " + seed + " t=" + threshold + " " + spec + ": " + p);
                    }
                    for (Table t : rep.tables()) {
                        for (int[] cell : Suppressor.determined(t)) {
                            int v = t.count(cell[0], cell[1]);
                            if (v >= 1 && v < threshold) {
                                failures.add("seed " + seed + " " + t.id() + " suppressed " + v + " is recoverable");
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())));
    }

    @Test
    void sequencesOfReleasesOverAChangingCaseSetRevealNoSmallCountTogether() throws IOException {
        List<String> failures = new ArrayList<>();
        for (int seed = 0; seed < 12; seed++) {
            Random r = new Random(1000 + seed);
            List<StatCase> cases = new ArrayList<>(Cases.random(r, 150 + r.nextInt(400), START, 36));
            MemoryStore store = new MemoryStore();
            StatsService s = new StatsService(k -> List.copyOf(cases), store, StatsConfig.defaults(), CLOCK, new SecureRandom());
            List<ReportSpec> specs = List.of(
                    new ReportSpec(ReportSpec.Type.NATIONAL, Period.parse("2025-Q3"), null),
                    new ReportSpec(ReportSpec.Type.NATIONAL, Period.parse("2025"), null),
                    new ReportSpec(ReportSpec.Type.NATIONAL, Period.parse("2025-08"), null),
                    new ReportSpec(ReportSpec.Type.AREA, Period.parse("2025-Q3"), "gemeente:amsterdam"),
                    new ReportSpec(ReportSpec.Type.AREA, Period.parse("2025"), "province:noord-holland"),
                    new ReportSpec(ReportSpec.Type.AREA, Period.parse("2025"), "landsdeel:west"),
                    new ReportSpec(ReportSpec.Type.EVALUATION, Period.parse("2025-Q4"), null));
            for (int step = 0; step < 8; step++) {
                // Late imports: a few more cases in the same months between releases.
                for (int k = r.nextInt(3); k > 0; k--) {
                    cases.add(Cases.one(r, r.nextLong(), YearMonth.of(2025, 1 + r.nextInt(12))));
                }
                s.make(specs.get(r.nextInt(specs.size())));
            }
            for (String p : Disclosure.problems(tables(s), 5)) {
                failures.add("seed " + seed + ": " + p);
            }
            // The ledger reads back as written, and a fresh service continues from it.
            StatsService again = new StatsService(k -> List.copyOf(cases), store, StatsConfig.defaults(), CLOCK,
                    new SecureRandom());
            assertEquals(s.releases().size(), again.releases().size());
            again.make(specs.get(0));
            for (String p : Disclosure.problems(tables(again), 5)) {
                failures.add("seed " + seed + " after reload: " + p);
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())));
    }

    @Test
    void oneCaseInARowIsNeverShownNorRecoverable() {
        List<StatCase> cases = new ArrayList<>();
        Random r = new Random(7);
        for (int i = 0; i < 40; i++) {
            cases.add(new StatCase(r.nextLong(), YearMonth.of(2026, 7), "complaint", "exploitant", "work", "listen",
                    Outcome.ACKNOWLEDGED, false, "amsterdam", "noord-holland", false));
        }
        cases.add(new StatCase(r.nextLong(), YearMonth.of(2026, 8), "question", "police", "enforcement", "rights_info",
                Outcome.OPEN, false, null, null, false));
        Report rep = new Reports(StatsConfig.defaults()).build(
                new ReportSpec(ReportSpec.Type.NATIONAL, Period.parse("2026-Q3"), null), cases, true);
        Table about = rep.table("about");
        int police = about.rows().indexOf("police");
        assertTrue(about.suppressed(police, about.c()), "the police row total (1) is hidden");
        assertTrue(about.suppressed(about.r(), about.cols().indexOf("question")), "the question column total (1) is hidden");
        assertTrue(about.suppressed(about.r(), about.c()) || about.grandTotal() >= 5);
        assertEquals(List.of(), Disclosure.problems(List.of(rep.tables()), 5));
    }

    @Test
    void theSameQuarterMadeAgainAfterOneMoreReportHidesTheDifference() throws IOException {
        Random r = new Random(42);
        List<StatCase> cases = new ArrayList<>(Cases.random(r, 300, YearMonth.of(2026, 7), 3));
        StatsService s = new StatsService(k -> List.copyOf(cases), new MemoryStore(), StatsConfig.defaults(), CLOCK,
                new SecureRandom());
        ReportSpec q3 = new ReportSpec(ReportSpec.Type.NATIONAL, Period.parse("2026-Q3"), null);
        LedgerRelease first = s.make(q3).release().orElseThrow();
        assertEquals(first.number(), s.make(q3).release().orElseThrow().number(), "nothing changed: the same release");
        cases.add(new StatCase(r.nextLong(), YearMonth.of(2026, 9), "complaint", "bank_insurer", "money", "act_for_me",
                Outcome.REFERRED, false, "middelburg", "zeeland", false));
        StatsService.Made second = s.make(q3);
        assertTrue(second.release().isPresent());
        assertFalse(second.extraSuppressed() == 0, "the ledger had to suppress cells the new report changed");
        Table grand = second.release().get().tables().get(0);
        assertTrue(grand.suppressed(grand.r(), grand.c()), "300 then 301 would reveal one report");
        assertEquals(List.of(), Disclosure.problems(tables(s), 5));
    }

    @Test
    void nationalMinusRegionalAndYearMinusQuarterRevealNothing() throws IOException {
        Random r = new Random(9);
        List<StatCase> cases = new ArrayList<>(Cases.random(r, 400, YearMonth.of(2025, 1), 12));
        StatsService s = new StatsService(k -> List.copyOf(cases), new MemoryStore(), StatsConfig.defaults(), CLOCK,
                new SecureRandom());
        s.make(new ReportSpec(ReportSpec.Type.NATIONAL, Period.parse("2025"), null));
        for (int q = 1; q <= 4; q++) {
            s.make(new ReportSpec(ReportSpec.Type.NATIONAL, Period.parse("2025-Q" + q), null));
        }
        s.make(new ReportSpec(ReportSpec.Type.AREA, Period.parse("2025"), "province:noord-holland"));
        s.make(new ReportSpec(ReportSpec.Type.AREA, Period.parse("2025"), "gemeente:amsterdam"));
        s.make(new ReportSpec(ReportSpec.Type.AREA, Period.parse("2025"), "landsdeel:west"));
        assertTrue(s.releases().size() >= 6);
        assertEquals(List.of(), Disclosure.problems(tables(s), 5));
    }

    @Test
    void theOracleCatchesWhatItShould() {
        // Test the test: an unsuppressed table with a small cell, and two releases one case apart.
        Table t = Aggregator.table("t", "about", List.of("a", "b"), StatCase::about, "kind", List.of("x", "y"),
                StatCase::kind, List.of(
                        new StatCase(1, START, "x", "a", "", "", Outcome.OPEN, false, null, null, false),
                        new StatCase(2, START, "y", "a", "", "", Outcome.OPEN, false, null, null, false),
                        new StatCase(3, START, "y", "b", "", "", Outcome.OPEN, false, null, null, false)), true);
        assertFalse(Disclosure.problems(List.of(List.of(t)), 5).isEmpty());
        Ledger ledger = new Ledger();
        assertFalse(ledger.audit(List.of(t), 5).clean());
    }

    @Test
    void regionsAndOutcomesMapAsDocumented() {
        Regions regions = Regions.shipped();
        assertEquals("noord-brabant", regions.lookup("'s-Hertogenbosch").orElseThrow().province());
        assertEquals("zuid-holland", regions.lookup(" Den  Haag ").orElseThrow().province());
        assertEquals("friesland", regions.lookup("Súdwest-Fryslân").orElseThrow().province());
        assertEquals(null, regions.lookup("Limburg").orElseThrow().gemeente());
        assertTrue(regions.lookup("Vlieland").isEmpty(), "a small place is not listed: national totals only");
        assertTrue(regions.lookup("<script>").isEmpty());
        assertEquals(Outcome.RESOLVED, Outcome.of(nl.klachtenbalie.keys.desk.cases.CaseState.CLOSED, java.util.Set.of("Opgelost")));
        assertEquals(Outcome.CLOSED_NO_RESULT, Outcome.of(nl.klachtenbalie.keys.desk.cases.CaseState.CLOSED, java.util.Set.of("fooien")));
        assertEquals(Outcome.REFERRED, Outcome.of(nl.klachtenbalie.keys.desk.cases.CaseState.REFERRED, java.util.Set.of()));
        assertEquals(Outcome.ACKNOWLEDGED, Outcome.of(nl.klachtenbalie.keys.desk.cases.CaseState.IN_PROGRESS, java.util.Set.of()));
        assertEquals(Outcome.OPEN, Outcome.of(nl.klachtenbalie.keys.desk.cases.CaseState.NEW, java.util.Set.of()));
        assertTrue(Outcome.goesWell(java.util.Set.of("Gaat goed")));
    }
}
