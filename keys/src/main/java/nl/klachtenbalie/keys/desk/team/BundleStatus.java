package nl.klachtenbalie.keys.desk.team;

import java.time.LocalDate;

/**
 * How long the current team bundle remains valid. Reporters cannot submit once it lapses, so the
 * desk counts down and warns in time for the next key ceremony.
 *
 * @param daysLeft days until {@code expires}, negative once lapsed
 */
public record BundleStatus(long version, LocalDate issued, LocalDate expires, long daysLeft) {

    /** Warn this many days before expiry: enough time to hold a ceremony and publish. */
    public static final int WARN_DAYS = 21;

    public boolean expired() {
        return daysLeft < 0;
    }

    public boolean expiringSoon() {
        return daysLeft <= WARN_DAYS;
    }
}
