package nl.klachtenbalie.keys.desk.stats;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A reporting period: a month ({@code 2026-07}), a quarter ({@code 2026-Q3}) or a year ({@code 2026}). */
public record Period(Kind kind, YearMonth first, YearMonth last) {

    public enum Kind { MONTH, QUARTER, YEAR }

    private static final Pattern MONTH = Pattern.compile("(20[0-9]{2})-(0[1-9]|1[0-2])");
    private static final Pattern QUARTER = Pattern.compile("(20[0-9]{2})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("20[0-9]{2}");

    public static Period parse(String s) {
        String t = s == null ? "" : s.strip().toUpperCase(java.util.Locale.ROOT);
        Matcher m;
        if ((m = MONTH.matcher(t)).matches()) {
            YearMonth ym = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            return new Period(Kind.MONTH, ym, ym);
        }
        if ((m = QUARTER.matcher(t)).matches()) {
            return quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        if (YEAR.matcher(t).matches()) {
            int y = Integer.parseInt(t);
            return new Period(Kind.YEAR, YearMonth.of(y, 1), YearMonth.of(y, 12));
        }
        throw new IllegalArgumentException("period");
    }

    public static Period quarter(int year, int q) {
        YearMonth first = YearMonth.of(year, 3 * q - 2);
        return new Period(Kind.QUARTER, first, first.plusMonths(2));
    }

    /** The quarter containing {@code ym}. */
    public static Period quarterOf(YearMonth ym) {
        return quarter(ym.getYear(), (ym.getMonthValue() + 2) / 3);
    }

    public boolean contains(YearMonth ym) {
        return !ym.isBefore(first) && !ym.isAfter(last);
    }

    public List<YearMonth> months() {
        List<YearMonth> l = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            l.add(m);
        }
        return l;
    }

    /** The canonical spelling, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return switch (kind) {
            case MONTH -> first.toString();
            case QUARTER -> first.getYear() + "-Q" + ((first.getMonthValue() + 2) / 3);
            case YEAR -> Integer.toString(first.getYear());
        };
    }
}
