package nl.klachtenbalie.crypto.sign;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * An Ed25519 signing key, held as its 32-byte RFC 8032 seed. It can only sign
 * {@link SignedMessage} encodings — there is deliberately no public way to sign raw bytes, so every
 * signature names its context and deployment.
 *
 * <p>{@link #toString()} never shows the seed. {@link #destroy()} zeroes it; a destroyed key refuses
 * to sign. Equality is identity: secret keys are not meant to be compared or used as map keys.
 */
public final class Ed25519PrivateKey implements Destroyable {

    /** Length of a seed in bytes. */
    public static final int SEED_LENGTH = 32;

    private final byte[] seed;
    private final Ed25519PublicKey publicKey;
    private final byte[] publicKeyBytes;
    private volatile boolean destroyed;

    private Ed25519PrivateKey(byte[] seed) {
        this.seed = seed;
        this.publicKeyBytes = StrictEd25519.publicKeyFromSeed(seed);
        this.publicKey = Ed25519PublicKey.fromBytes(publicKeyBytes);
    }

    /** A fresh key from {@code random}. */
    public static Ed25519PrivateKey generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] seed = new byte[SEED_LENGTH];
        random.nextBytes(seed);
        return new Ed25519PrivateKey(seed);
    }

    /**
     * The key for a 32-byte seed (RFC 8032 "private key"). The seed is copied; the caller should
     * zero its own copy.
     */
    public static Ed25519PrivateKey fromSeed(byte[] seed) {
        if (seed == null || seed.length != SEED_LENGTH) {
            throw new IllegalArgumentException("Ed25519 seed must be 32 bytes");
        }
        return new Ed25519PrivateKey(seed.clone());
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /**
     * Signs {@code SignedMessage.encode(context, deploymentId, parts)}; Ed25519 signing is
     * deterministic, so the same inputs always give the same 64 bytes.
     *
     * @throws IllegalStateException if the key was destroyed
     */
    public byte[] sign(SignatureContext context, String deploymentId, byte[]... parts) {
        return signRaw(SignedMessage.encode(context, deploymentId, parts));
    }

    /** Raw RFC 8032 signing, for the RFC test vectors only. */
    byte[] signRaw(byte[] message) {
        if (destroyed) {
            throw new IllegalStateException("key destroyed");
        }
        return StrictEd25519.signRaw(seed, publicKeyBytes, message);
    }

    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(seed, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "Ed25519PrivateKey[public=" + publicKey.hex() + "]";
    }
}
