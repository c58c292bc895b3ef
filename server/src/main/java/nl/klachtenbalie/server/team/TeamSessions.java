package nl.klachtenbalie.server.team;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived bearer tokens for the transfer page, kept in memory only (a restart logs everyone out)
 * and held by the page in a JavaScript variable, never in a cookie. Tokens are looked up by their
 * SHA-256, so the map holds nothing that could be replayed if dumped.
 */
public final class TeamSessions {

    private record Session(String account, Instant expires) {
    }

    private final Clock clock;
    private final SecureRandom random;
    private final Duration ttl;
    private final Map<ByteBuffer, Session> sessions = new ConcurrentHashMap<>();

    public TeamSessions(Clock clock, SecureRandom random, Duration ttl) {
        this.clock = clock;
        this.random = random;
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    public String open(String account) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        sessions.entrySet().removeIf(e -> e.getValue().expires().isBefore(clock.instant()));
        sessions.put(key(token), new Session(account, clock.instant().plus(ttl)));
        return token;
    }

    public Optional<String> account(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Session s = sessions.get(key(token));
        if (s == null || s.expires().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(s.account());
    }

    public void close(String token) {
        if (token != null) {
            sessions.remove(key(token));
        }
    }

    private static ByteBuffer key(String token) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
