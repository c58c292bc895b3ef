package nl.klachtenbalie.keys.desk.cases;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The service clocks the receipt page promises: acknowledge within 7 days, give feedback within
 * 3 months, both counted from the day the server received the report.
 *
 * <p>The acknowledgement clock stops at the first reply or when the case leaves "new". The
 * feedback clock stops at a second reply (the one after the acknowledgement), or when the case
 * is referred or closed.
 *
 * @param next the due date of the clock still running, or null when both have stopped
 */
public record Deadlines(LocalDate acknowledgeBy, LocalDate feedbackBy, boolean acknowledged, boolean feedbackGiven,
                        LocalDate next, boolean overdue, long daysLeft) {

    public static final int ACKNOWLEDGE_DAYS = 7;
    public static final int FEEDBACK_MONTHS = 3;

    static Deadlines of(Case c, LocalDate today) {
        LocalDate ack = c.reportDay().plusDays(ACKNOWLEDGE_DAYS);
        LocalDate feedback = c.reportDay().plusMonths(FEEDBACK_MONTHS);
        long replies = c.replyCount();
        boolean acknowledged = replies >= 1 || c.state() != CaseState.NEW;
        boolean fed = replies >= 2 || c.state() == CaseState.REFERRED || c.state() == CaseState.CLOSED;
        LocalDate next = !acknowledged ? ack : !fed ? feedback : null;
        boolean overdue = next != null && today.isAfter(next);
        long daysLeft = next == null ? Long.MAX_VALUE : ChronoUnit.DAYS.between(today, next);
        return new Deadlines(ack, feedback, acknowledged, fed, next, overdue, daysLeft);
    }
}
