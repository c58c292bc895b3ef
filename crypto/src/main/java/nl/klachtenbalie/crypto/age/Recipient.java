package nl.klachtenbalie.crypto.age;

import java.security.SecureRandom;

/**
 * Something a file can be encrypted to: it wraps the file key into one or more header stanzas.
 *
 * <p>Implementations are immutable and hold only public material (or, for passphrases, the secret
 * the sender typed). A recipient type is one class implementing this interface and its
 * {@link Identity} counterpart ({@link X25519Recipient}, {@link ScryptRecipient}, the hybrid
 * post-quantum {@link HybridRecipient}); nothing else in the library knows the types.
 */
public interface Recipient {

    /**
     * Wraps {@code fileKey} (16 bytes, never retained) for this recipient.
     *
     * @param random the source of every random value the wrapping needs (ephemeral keys, salts)
     * @return the stanzas and the labels that restrict which recipients may share a file
     * @throws IllegalStateException if the recipient cannot be used (for example a public key
     *     that yields an all-zero shared secret)
     */
    WrappedFileKey wrap(byte[] fileKey, SecureRandom random);

    /**
     * Parses a public age recipient of either kind this library encrypts to: {@code age1pq1…}
     * ({@link HybridRecipient}) or {@code age1…} ({@link X25519Recipient}).
     *
     * @throws IllegalArgumentException if it is neither
     */
    static Recipient parse(String s) {
        return s.startsWith("age1pq1") ? HybridRecipient.parse(s) : X25519Recipient.parse(s);
    }

    /** True if {@code s} is written as a hybrid post-quantum recipient ({@code age1pq1…}). */
    static boolean isHybrid(String s) {
        return s.startsWith("age1pq1");
    }
}
