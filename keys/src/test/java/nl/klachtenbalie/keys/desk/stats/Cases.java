package nl.klachtenbalie.keys.desk.stats;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nl.klachtenbalie.keys.desk.events.FormCodes;

/** Random but plausible case sets for tests and the benchmark (seeded java.util.Random: test data only). */
final class Cases {

    static final List<String> PROVINCES = List.copyOf(Regions.LANDSDEEL.keySet());
    static final List<String> GEMEENTEN = List.of("amsterdam", "rotterdam", "denhaag", "utrechtstad", "eindhoven",
            "arnhem", "zwolle", "maastricht", "groningenstad", "middelburg");

    private static final Regions REGIONS = Regions.shipped();

    private Cases() {
    }

    /**
     * {@code n} cases over the months {@code from} … {@code from + months − 1}; skewed like the
     * research (most about exploitants, most in the big cities), so small cells are common.
     */
    static List<StatCase> random(Random r, int n, YearMonth from, int months) {
        List<StatCase> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(one(r, r.nextLong(), from.plusMonths(r.nextInt(months))));
        }
        return out;
    }

    static StatCase one(Random r, long id, YearMonth month) {
        String kind = pick(r, FormCodes.CODED.get("kind"), 0.1);
        String about = skewed(r, FormCodes.CODED.get("about"));
        String topic = skewed(r, FormCodes.CODED.get("topic"));
        String wants = pick(r, FormCodes.CODED.get("wants"), 0.2);
        String gemeente = null;
        String province = null;
        double p = r.nextDouble();
        if (p < 0.5) {
            gemeente = GEMEENTEN.get(Math.min(GEMEENTEN.size() - 1, (int) Math.abs(r.nextGaussian() * 3)));
            province = REGIONS.lookup(gemeente).map(Regions.Place::province).orElseThrow();
        } else if (p < 0.75) {
            province = PROVINCES.get(r.nextInt(PROVINCES.size()));
        }
        Outcome outcome = Outcome.values()[r.nextInt(Outcome.values().length)];
        return new StatCase(id, month, kind, about, topic, wants, outcome, r.nextDouble() < 0.1, gemeente, province,
                "count_only".equals(wants));
    }

    private static String pick(Random r, List<String> codes, double notGiven) {
        return r.nextDouble() < notGiven ? StatCase.NOT_GIVEN : codes.get(r.nextInt(codes.size()));
    }

    private static String skewed(Random r, List<String> codes) {
        if (r.nextDouble() < 0.05) {
            return StatCase.NOT_GIVEN;
        }
        return codes.get(Math.min(codes.size() - 1, (int) Math.abs(r.nextGaussian() * codes.size() / 3.0)));
    }
}
