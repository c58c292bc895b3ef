package nl.klachtenbalie.server.reporter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.klachtenbalie.server.error.ApiException;

/**
 * Stateless, HMAC-authenticated request nonces ("challenges").
 *
 * <p>A nonce is {@code random(16) ‖ u64(expiry epoch seconds) ‖ HMAC-SHA256(secret, label ‖ random ‖
 * expiry)[0..16]}, 40 bytes, sent as unpadded base64url. Issuing stores nothing; only nonces that
 * were actually used are remembered, in memory and only until they expire, so a signed request
 * cannot be replayed. The memory is bounded: when it is full of unexpired nonces the server answers
 * "busy" rather than forgetting one early.
 */
public final class ChallengeService {

    static final int RANDOM = 16;
    static final int TAG = 16;
    static final int LENGTH = RANDOM + 8 + TAG;
    private static final byte[] LABEL = "klachtenbalie/v1/challenge".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;
    private final Clock clock;
    private final SecureRandom random;
    private final int ttlSeconds;
    private final SpentNonces spent;

    public ChallengeService(byte[] secret, Clock clock, SecureRandom random, int ttlSeconds, int capacity) {
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.clock = clock;
        this.random = random;
        this.ttlSeconds = ttlSeconds;
        this.spent = new SpentNonces(capacity);
    }

    /**
     * Refuses a nonce memory that could outgrow a quarter of {@code maxHeapBytes} (the other quarter the
     * server reserves is for request bodies): a server that would run out of memory once busy should
     * say so when it starts, not under load.
     */
    public static void requireHeapFor(int capacity, long maxHeapBytes) {
        long needed = SpentNonces.maxHeapBytes(capacity);
        if (needed > maxHeapBytes / 4) {
            throw new IllegalArgumentException("challenge.used-nonce-capacity=" + capacity + " needs up to "
                    + needed / (1024 * 1024) + " MiB of heap, more than a quarter of this JVM's "
                    + maxHeapBytes / (1024 * 1024) + " MiB; lower it or raise -Xmx");
        }
    }

    public int ttlSeconds() {
        return ttlSeconds;
    }

    /** A fresh nonce, base64url without padding. */
    public String issue() {
        byte[] nonce = new byte[LENGTH];
        byte[] r = new byte[RANDOM];
        random.nextBytes(r);
        long expiry = clock.instant().getEpochSecond() + ttlSeconds;
        ByteBuffer.wrap(nonce).put(r).putLong(expiry).put(tag(r, expiry));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }

    /** Decodes and authenticates a nonce; throws 400 if it is malformed, forged or expired. */
    public byte[] check(String encoded) {
        byte[] nonce = decode(encoded);
        ByteBuffer b = ByteBuffer.wrap(nonce);
        byte[] r = new byte[RANDOM];
        b.get(r);
        long expiry = b.getLong();
        byte[] tag = new byte[TAG];
        b.get(tag);
        if (!MessageDigest.isEqual(tag, tag(r, expiry))) {
            throw ApiException.badRequest("bad_nonce", "the nonce was not issued by this server; request a new challenge");
        }
        if (clock.instant().getEpochSecond() > expiry) {
            throw ApiException.badRequest("nonce_expired", "the challenge has expired; request a new one");
        }
        return nonce;
    }

    /**
     * Marks a checked nonce as used. Call only after the request signature verified, so nobody can
     * burn another client's nonce.
     */
    public void consume(byte[] nonce) {
        ByteBuffer b = ByteBuffer.wrap(nonce);
        // The random part names the nonce: it was authenticated in check, and two issued nonces share
        // it with probability 2^-128.
        long hi = b.getLong();
        long lo = b.getLong();
        long expiry = b.getLong();
        switch (spent.add(hi, lo, expiry, clock.instant().getEpochSecond())) {
            case ALREADY_SPENT -> throw new ApiException(409, "nonce_used", "this challenge was already used; request a new one");
            case FULL -> throw new ApiException(503, "busy", "the server is busy; try again in a few minutes");
            case ADDED -> { }
        }
    }

    /** Forgets used nonces that have expired (they would fail {@link #check} anyway). */
    public void evictExpired() {
        spent.evictExpired(clock.instant().getEpochSecond());
    }

    private static byte[] decode(String encoded) {
        if (encoded == null) {
            throw ApiException.badRequest("missing_field", "field 'nonce' is required");
        }
        byte[] nonce;
        try {
            nonce = Base64.getUrlDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            nonce = null;
        }
        if (nonce == null || nonce.length != LENGTH
                || !Base64.getUrlEncoder().withoutPadding().encodeToString(nonce).equals(encoded)) {
            throw ApiException.badRequest("bad_nonce", "field 'nonce' must be a nonce from /api/v1/challenge, unchanged");
        }
        return nonce;
    }

    private byte[] tag(byte[] r, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(LABEL);
            mac.update(r);
            mac.update(ByteBuffer.allocate(8).putLong(expiry).array());
            byte[] full = mac.doFinal();
            byte[] out = new byte[TAG];
            System.arraycopy(full, 0, out, 0, TAG);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
