package nl.klachtenbalie.keys.desk.stats;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import nl.klachtenbalie.keys.desk.events.FormCodes;

/**
 * Builds a report's tables from cases and suppresses each one; pure and framework-free. Which
 * tables a report has, and which cases may be in them:
 *
 * <ul>
 *   <li>national: who it is about, topic, what the reporter wanted, outcome, what goes well, the
 *       trend by month, and (per quarter or year only) regions — every case counts here;</li>
 *   <li>area: topic, outcome, what the reporter wanted, trend, and "who it is about" only for an area with at
 *       least {@link StatsConfig#counterpartyArea()} reports — only regional cases (a listed place,
 *       not "only count me");</li>
 *   <li>evaluation: 18 months by month and 3 years by quarter, and the outcomes over 3 years.</li>
 * </ul>
 * Every table is split by kind (complaint, question, help, story, not given).
 */
public final class Reports {

    public static final String ELSEWHERE = "elsewhere";

    private static final List<String> KINDS = withNotGiven(FormCodes.CODED.get("kind"));
    private static final List<String> ABOUT = withNotGiven(FormCodes.CODED.get("about"));
    private static final List<String> TOPICS = withNotGiven(FormCodes.CODED.get("topic"));
    private static final List<String> WANTS = withNotGiven(FormCodes.CODED.get("wants"));
    private static final List<String> OUTCOMES = java.util.Arrays.stream(Outcome.values()).map(Outcome::code).toList();

    private final StatsConfig config;
    private final Suppressor suppressor;

    public Reports(StatsConfig config) {
        this.config = config;
        this.suppressor = new Suppressor(config.threshold());
    }

    public StatsConfig config() {
        return config;
    }

    Suppressor suppressor() {
        return suppressor;
    }

    private static List<String> withNotGiven(List<String> codes) {
        List<String> l = new ArrayList<>(codes);
        l.add(StatCase.NOT_GIVEN);
        return List.copyOf(l);
    }

    /** Builds and suppresses; {@code withIds} keeps each cell's case ids for the ledger. */
    public Report build(ReportSpec spec, List<StatCase> all, boolean withIds) {
        return switch (spec.type()) {
            case NATIONAL -> national(spec, all, withIds);
            case AREA -> area(spec, all, withIds);
            case EVALUATION -> evaluation(spec, all, withIds);
        };
    }

    private Report national(ReportSpec spec, List<StatCase> all, boolean withIds) {
        List<StatCase> in = filter(all, s -> spec.period().contains(s.month()));
        List<Table> tables = new ArrayList<>();
        tables.add(byKind("about", "about", ABOUT, StatCase::about, in, withIds));
        tables.add(byKind("topic", "topic", TOPICS, StatCase::topic, in, withIds));
        tables.add(byKind("wants", "wants", WANTS, StatCase::wants, in, withIds));
        tables.add(byKind("outcome", "outcome", OUTCOMES, s -> s.outcome().code(), in, withIds));
        tables.add(goesWell(in, withIds));
        tables.add(byKind("trend", "month", months(spec.period().months()), s -> s.month().toString(), in, withIds));
        List<String> notes = new ArrayList<>(List.of("stats.note.limits", "stats.note.nationalOnly"));
        if (spec.period().kind() != Period.Kind.MONTH) {
            Map<String, String> rowOf = regionRows(in);
            List<String> rows = new ArrayList<>();
            for (String p : Regions.LANDSDEEL.keySet()) {
                addOnce(rows, rowOf.get(p));
            }
            for (String l : Regions.LANDSDELEN) {
                if (rowOf.containsValue("landsdeel:" + l)) {
                    addOnce(rows, "landsdeel:" + l);
                }
            }
            rows.remove(ELSEWHERE);
            rows.add(ELSEWHERE);
            tables.add(byKind("region", "region", rows,
                    s -> s.regional() ? rowOf.get(s.province()) : ELSEWHERE, in, withIds));
            notes.add("stats.note.regions");
        }
        return new Report(spec, ReportSpec.NATIONAL, config.threshold(), tables, notes);
    }

    private static void addOnce(List<String> l, String s) {
        if (s != null && !l.contains(s)) {
            l.add(s);
        }
    }

    /**
     * Province → its row: the province itself with at least minArea reports, else the rest of its
     * landsdeel if that has enough, else {@link #ELSEWHERE}.
     */
    private Map<String, String> regionRows(List<StatCase> in) {
        Map<String, Integer> perProvince = new HashMap<>();
        for (StatCase s : in) {
            if (s.regional()) {
                perProvince.merge(s.province(), 1, Integer::sum);
            }
        }
        Map<String, String> row = new HashMap<>();
        Map<String, Integer> rest = new HashMap<>();
        Regions.LANDSDEEL.forEach((p, l) -> {
            int n = perProvince.getOrDefault(p, 0);
            if (n >= config.minArea()) {
                row.put(p, "province:" + p);
            } else {
                rest.merge(l, n, Integer::sum);
            }
        });
        Regions.LANDSDEEL.forEach((p, l) -> {
            if (!row.containsKey(p)) {
                row.put(p, rest.get(l) >= config.minArea() ? "landsdeel:" + l : ELSEWHERE);
            }
        });
        return row;
    }

    private Report area(ReportSpec spec, List<StatCase> all, boolean withIds) {
        List<StatCase> regional = filter(all, s -> s.regional() && spec.period().contains(s.month()));
        String area = spec.area();
        List<String> notes = new ArrayList<>(List.of("stats.note.limits", "stats.note.areaOnly"));
        List<StatCase> in = filter(regional, inArea(area));
        while (in.size() < config.minArea() && area != null) {
            area = larger(area, regional);
            in = area == null ? List.of() : filter(regional, inArea(area));
            notes.add("stats.note.merged");
        }
        if (area == null) {
            return new Report(spec, null, config.threshold(), List.of(), List.of("stats.note.tooSmall"));
        }
        List<Table> tables = new ArrayList<>();
        if (in.size() >= config.counterpartyArea()) {
            tables.add(byKind("about", "about", ABOUT, StatCase::about, in, withIds));
        } else {
            notes.add("stats.note.noCounterparty");
        }
        tables.add(byKind("topic", "topic", TOPICS, StatCase::topic, in, withIds));
        tables.add(byKind("wants", "wants", WANTS, StatCase::wants, in, withIds));
        tables.add(byKind("outcome", "outcome", OUTCOMES, s -> s.outcome().code(), in, withIds));
        if (spec.period().kind() == Period.Kind.YEAR) {
            // Regional numbers never by month: the trend inside a year is by quarter.
            List<String> quarters = new ArrayList<>();
            for (int q = 1; q <= 4; q++) {
                quarters.add(spec.period().first().getYear() + "-Q" + q);
            }
            tables.add(byKind("trend", "quarter", quarters, s -> Period.quarterOf(s.month()).toString(), in, withIds));
        }
        return new Report(spec, area, config.threshold(), tables, notes);
    }

    static Predicate<StatCase> inArea(String area) {
        String code = area.substring(area.indexOf(':') + 1);
        if (area.startsWith("gemeente:")) {
            return s -> code.equals(s.gemeente());
        }
        if (area.startsWith("province:")) {
            return s -> code.equals(s.province());
        }
        if (area.startsWith("landsdeel:")) {
            return s -> code.equals(Regions.LANDSDEEL.get(s.province()));
        }
        throw new IllegalArgumentException("area");
    }

    /** The larger area around {@code area}, or null above a landsdeel (then only national numbers). */
    private static String larger(String area, List<StatCase> regional) {
        String code = area.substring(area.indexOf(':') + 1);
        if (area.startsWith("gemeente:")) {
            return regional.stream().filter(s -> code.equals(s.gemeente())).map(s -> "province:" + s.province())
                    .findFirst().orElse(null);
        }
        if (area.startsWith("province:")) {
            String l = Regions.LANDSDEEL.get(code);
            return l == null ? null : "landsdeel:" + l;
        }
        return null;
    }

    private Report evaluation(ReportSpec spec, List<StatCase> all, boolean withIds) {
        YearMonth end = spec.period().last();
        List<YearMonth> m18 = new ArrayList<>();
        for (int i = 17; i >= 0; i--) {
            m18.add(end.minusMonths(i));
        }
        YearMonth start36 = end.minusMonths(35);
        // Every quarter the 36 months touch, the first and last possibly partial.
        java.util.LinkedHashSet<String> qs = new java.util.LinkedHashSet<>();
        for (YearMonth q = start36; !q.isAfter(end); q = q.plusMonths(1)) {
            qs.add(Period.quarterOf(q).toString());
        }
        List<String> quarters = List.copyOf(qs);
        List<StatCase> in18 = filter(all, s -> !s.month().isBefore(m18.get(0)) && !s.month().isAfter(end));
        List<StatCase> in36 = filter(all, s -> !s.month().isBefore(start36) && !s.month().isAfter(end));
        List<Table> tables = new ArrayList<>();
        tables.add(byKind("trend18", "month", months(m18), s -> s.month().toString(), in18, withIds));
        tables.add(byKind("trend36", "quarter", quarters, s -> Period.quarterOf(s.month()).toString(), in36, withIds));
        tables.add(byKind("outcome", "outcome", OUTCOMES, s -> s.outcome().code(), in36, withIds));
        tables.add(goesWell(in36, withIds));
        return new Report(spec, ReportSpec.NATIONAL, config.threshold(), tables,
                List.of("stats.note.limits", "stats.note.evaluation"));
    }

    private Table byKind(String id, String rowDim, List<String> rows, Function<StatCase, String> rowOf,
                         List<StatCase> in, boolean withIds) {
        Table t = Aggregator.table(id, rowDim, rows, rowOf, "kind", KINDS, StatCase::kind, in, withIds);
        suppressor.apply(t);
        return t;
    }

    private Table goesWell(List<StatCase> in, boolean withIds) {
        Table t = Aggregator.table("goeswell", "about", ABOUT, StatCase::about, "goeswell", List.of("goes_well", "other"),
                s -> s.goesWell() ? "goes_well" : "other", in, withIds);
        suppressor.apply(t);
        return t;
    }

    private static List<String> months(List<YearMonth> months) {
        return months.stream().map(YearMonth::toString).toList();
    }

    private static List<StatCase> filter(List<StatCase> all, Predicate<StatCase> p) {
        List<StatCase> l = new ArrayList<>();
        for (StatCase s : all) {
            if (p.test(s)) {
                l.add(s);
            }
        }
        return l;
    }
}
