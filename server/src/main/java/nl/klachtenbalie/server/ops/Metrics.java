package nl.klachtenbalie.server.ops;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Coarse counters since start, in the Prometheus text format. No labels carry ids, and every value
 * is rounded down to a multiple of {@link #GRANULARITY}, so a scrape cannot be lined up with one
 * reporter's request (a counter that ticks from 41 to 42 right after someone visited would say who).
 */
public final class Metrics {

    public static final int GRANULARITY = 10;

    /** What is counted; nothing more specific than this list is ever recorded. */
    public enum Counter {
        MAILBOXES_CREATED("mailboxes created with a first report"),
        MESSAGES_APPENDED("reporter messages appended"),
        EVENT_POLLS("reporter event list requests"),
        MAILBOXES_FORGOTTEN("mailboxes deleted by their reporter"),
        MAILBOXES_EXPIRED("mailboxes purged by retention or a purge list"),
        REPLIES_IMPORTED("team replies imported"),
        INTERNAL_IMPORTED("team-only blobs imported"),
        REDUCED_POW_ACCEPTED("creations admitted with the reduced puzzle"),
        CLIENT_ERRORS("requests refused with a 4xx"),
        SERVER_ERRORS("requests that failed with a 5xx"),
        EXPORTS("team exports downloaded"),
        TEAM_LOGIN_FAILURES("failed team logins");

        final String help;

        Counter(String help) {
            this.help = help;
        }

        String metricName() {
            return "klachtenbalie_" + name().toLowerCase(Locale.ROOT) + "_total";
        }
    }

    private final Map<Counter, LongAdder> counters = new EnumMap<>(Counter.class);

    public Metrics() {
        for (Counter c : Counter.values()) {
            counters.put(c, new LongAdder());
        }
    }

    public void increment(Counter c) {
        counters.get(c).increment();
    }

    public void add(Counter c, long n) {
        counters.get(c).add(n);
    }

    /** The exposition text. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Counter c : Counter.values()) {
            long v = counters.get(c).sum();
            sb.append("# HELP ").append(c.metricName()).append(' ').append(c.help)
                    .append(" (rounded down to a multiple of ").append(GRANULARITY).append(")\n");
            sb.append("# TYPE ").append(c.metricName()).append(" counter\n");
            sb.append(c.metricName()).append(' ').append(v - v % GRANULARITY).append('\n');
        }
        return sb.toString();
    }
}
