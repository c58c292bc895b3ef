package nl.klachtenbalie.server;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The only time the server stores: a UTC calendar day, {@code YYYY-MM-DD}. */
public final class Days {

    private Days() {
    }

    public static String today(Clock clock) {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
    }

    public static String daysAgo(Clock clock, int days) {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(days).toString();
    }
}
