package nl.klachtenbalie.crypto.sign;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Raw RFC 8032 pure Ed25519 over arbitrary bytes, with strict verification. Package-private: the
 * public types only ever sign {@link SignedMessage} encodings, so no caller can sign raw bytes
 * without a context.
 *
 * <p>Bouncy Castle's verify already rejects S ≥ L, a non-canonical R or A (y ≥ p, or x = 0 with
 * the sign bit set) and public keys of small order. It does not reject points with a small-order
 * <em>component</em>, and its fast check multiplies the verification equation by a 128-bit factor,
 * so an R with a torsion component can pass for some messages: unaided it accepts the mixed-order
 * speccheck cases 2–5, and so does noble with {@code zip215: false} (cofactored). We therefore also
 * require both A and R to lie in the prime-order subgroup ({@link Ed25519#validatePublicKeyFull}).
 * Honest keys and honest R = [r]B always do, and with both in the prime-order group Bouncy Castle's
 * check is exactly the cofactorless equation [S]B = R + [k]A, so Java and the browser agree.
 */
final class StrictEd25519 {

    static final int KEY_SIZE = Ed25519.PUBLIC_KEY_SIZE;
    static final int SIGNATURE_SIZE = Ed25519.SIGNATURE_SIZE;

    private StrictEd25519() {
    }

    /** True if {@code publicKey} is a canonical encoding of a prime-order point (not small order). */
    static boolean isValidPublicKey(byte[] publicKey) {
        return publicKey != null && publicKey.length == KEY_SIZE && Ed25519.validatePublicKeyFull(publicKey, 0);
    }

    /**
     * True if {@code publicKey} is a canonical encoding of a point that is not of small order; a
     * mixed-order point passes. Only for keys validated in full before they were stored.
     */
    static boolean isPlausiblePublicKey(byte[] publicKey) {
        return publicKey != null && publicKey.length == KEY_SIZE && Ed25519.validatePublicKeyPartial(publicKey, 0);
    }

    /** Verifies a raw signature; false for any malformed input, never throws. */
    static boolean verifyRaw(byte[] publicKey, byte[] signature, byte[] message) {
        if (message == null || signature == null || signature.length != SIGNATURE_SIZE) {
            return false;
        }
        if (!isValidPublicKey(publicKey)) {
            return false;
        }
        return verifyWithValidKey(publicKey, signature, message);
    }

    /**
     * As {@link #verifyRaw} for a key already known to pass {@link #isValidPublicKey} (an
     * {@link Ed25519PublicKey} is only ever made from one): the full subgroup check of A is as
     * costly as the verification itself, and the server verifies a stored key on every request.
     */
    static boolean verifyWithValidKey(byte[] publicKey, byte[] signature, byte[] message) {
        if (message == null || signature == null || signature.length != SIGNATURE_SIZE) {
            return false;
        }
        // R is the first half of the signature; it must be a prime-order point as well.
        if (!Ed25519.validatePublicKeyFull(signature, 0)) {
            return false;
        }
        try {
            return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
        } catch (RuntimeException e) {
            // Bouncy Castle does not throw for malformed points today; never let attacker data
            // turn into an exception if a future version does.
            return false;
        }
    }

    static byte[] publicKeyFromSeed(byte[] seed) {
        byte[] pk = new byte[KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, pk, 0);
        return pk;
    }

    static byte[] signRaw(byte[] seed, byte[] publicKey, byte[] message) {
        byte[] sig = new byte[SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, sig, 0);
        return sig;
    }
}
