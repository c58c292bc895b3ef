package nl.klachtenbalie.keys.desk.stats;

import nl.klachtenbalie.keys.desk.text.Messages;

/**
 * Catalog text for the codes in statistics tables. Every label comes from the message catalog or
 * from the shipped region list — never from anything a reporter typed.
 */
public final class Labels {

    private final Messages m;
    private final Regions regions;

    public Labels(Messages m, Regions regions) {
        this.m = m;
        this.regions = regions;
    }

    public Messages messages() {
        return m;
    }

    /** The label of a row or column code of dimension {@code dim}. */
    public String code(String dim, String code) {
        if (StatCase.NOT_GIVEN.equals(code)) {
            return m.get("stats.notGiven");
        }
        return switch (dim) {
            case "kind", "about", "topic", "wants" -> m.get("code." + dim + "." + code);
            case "outcome" -> m.get("stats.outcome." + code);
            case "goeswell" -> m.get("stats.goeswell." + code);
            case "region" -> region(code);
            default -> code; // months and quarters: 2026-07, 2026-Q3
        };
    }

    private String region(String code) {
        if (Reports.ELSEWHERE.equals(code)) {
            return m.get("stats.region.elsewhere");
        }
        if (code.startsWith("landsdeel:")) {
            return m.get("stats.region.rest", m.get("stats.landsdeel." + code.substring(10)));
        }
        return area(code);
    }

    /** An area's name: national, a gemeente from the list, a province or a landsdeel. */
    public String area(String area) {
        if (area == null || ReportSpec.NATIONAL.equals(area)) {
            return m.get("stats.area.national");
        }
        String code = area.substring(area.indexOf(':') + 1);
        if (area.startsWith("gemeente:")) {
            return regions.displayName(code);
        }
        if (area.startsWith("province:")) {
            return m.get("stats.province." + code);
        }
        return m.get("stats.landsdeel." + code);
    }

    public String dim(String dim) {
        return m.get("stats.dim." + dim);
    }

    public String table(String id) {
        return m.get("stats.table." + id);
    }
}
