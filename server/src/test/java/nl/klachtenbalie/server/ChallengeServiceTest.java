package nl.klachtenbalie.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import nl.klachtenbalie.server.error.ApiException;
import nl.klachtenbalie.server.reporter.ChallengeService;
import org.junit.jupiter.api.Test;

/**
 * The spent-nonce memory is bounded: full of unexpired nonces, the server answers "busy" instead of
 * forgetting one early (which would let a signed request be replayed), and makes room as they expire.
 */
class ChallengeServiceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));
    private final ChallengeService challenges = new ChallengeService(new byte[32], clock, new SecureRandom(), 30, 3);

    @Test
    void aFullMemoryAnswersBusyAndNeverForgetsAnUnexpiredNonce() {
        byte[] first = spend();
        spend();
        spend();

        byte[] fourth = challenges.check(challenges.issue());
        ApiException busy = assertThrows(ApiException.class, () -> challenges.consume(fourth));
        assertEquals(503, busy.status());
        assertEquals("busy", busy.code());

        // Once they expire there is room again; a nonce spent since is remembered as before.
        clock.advance(Duration.ofSeconds(31));
        byte[] fresh = spend();
        assertEquals("nonce_used", assertThrows(ApiException.class, () -> challenges.consume(fresh)).code());
        assertEquals("nonce_expired", assertThrows(ApiException.class,
                () -> challenges.check(Base64.getUrlEncoder().withoutPadding().encodeToString(first))).code());
    }

    @Test
    void aSpentNonceIsRefusedUntilItExpires() {
        byte[] nonce = spend();
        clock.advance(Duration.ofSeconds(30));
        assertEquals("nonce_used", assertThrows(ApiException.class, () -> challenges.consume(nonce)).code());
    }

    @Test
    void aNonceMemoryThatCouldOutgrowAQuarterOfTheHeapStopsTheStart() {
        long productionHeap = 136L * 1024 * 1024; // -Xmx136m, deploy/klachtenbalie.service
        ChallengeService.requireHeapFor(250_000, productionHeap); // the default: up to 12 MiB
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChallengeService.requireHeapFor(1_000_000, productionHeap));
        assertEquals("challenge.used-nonce-capacity=1000000 needs up to 48 MiB of heap, more than a quarter of this"
                + " JVM's 136 MiB; lower it or raise -Xmx", e.getMessage());
    }

    private byte[] spend() {
        byte[] nonce = challenges.check(challenges.issue());
        challenges.consume(nonce);
        return nonce;
    }
}
