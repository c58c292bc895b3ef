package nl.klachtenbalie.keys.desk.stats;

/**
 * What to make: the national report for the ministry, a report for one area (quarter or year
 * only), or the evaluation view (18 months by month, 3 years by quarter, ending with the period).
 *
 * @param area {@code national}, {@code gemeente:<code>}, {@code province:<code>} or {@code landsdeel:<code>}
 */
public record ReportSpec(Type type, Period period, String area) {

    public enum Type { NATIONAL, AREA, EVALUATION }

    public static final String NATIONAL = "national";

    public ReportSpec {
        if (type == Type.AREA && period.kind() == Period.Kind.MONTH) {
            throw new IllegalArgumentException("regional tables only per quarter or year");
        }
        if (type != Type.AREA) {
            area = NATIONAL;
        }
    }
}
