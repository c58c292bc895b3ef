package nl.klachtenbalie.server.reporter;

import java.time.Clock;

/**
 * One global (never per client: the server does not know clients) token bucket that admits the
 * cheaper reduced-difficulty puzzle for browsers without WebAssembly. When it is empty, such
 * clients wait or solve the full puzzle; the full puzzle is never rate limited here.
 */
public final class TokenBucket {

    private final Clock clock;
    private final double capacity;
    private final double perMilli;
    private double tokens;
    private long lastMillis;

    public TokenBucket(Clock clock, int perHour) {
        this.clock = clock;
        this.capacity = Math.max(perHour, 0);
        this.perMilli = perHour / 3_600_000.0;
        this.tokens = capacity;
        this.lastMillis = clock.millis();
    }

    /** Takes a token if one is available. */
    public synchronized boolean tryTake() {
        long now = clock.millis();
        tokens = Math.min(capacity, tokens + Math.max(0, now - lastMillis) * perMilli);
        lastMillis = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
