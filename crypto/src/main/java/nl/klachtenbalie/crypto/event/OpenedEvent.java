package nl.klachtenbalie.crypto.event;

import java.util.Objects;

/**
 * A decrypted, unpadded event whose envelope parsed, but which is <em>not yet verified</em>: pass
 * {@link #envelope()} to {@link EventVerifier} with what the caller expects (the filed mailbox,
 * the pinned key, the trusted bundle) before showing anything of it.
 *
 * @param hash {@link EventHash} of the age file it came from
 */
public record OpenedEvent(String hash, SignedEnvelope envelope) {

    public OpenedEvent {
        Objects.requireNonNull(envelope, "envelope");
        if (!EventHash.isHash(hash)) {
            throw new IllegalArgumentException("hash must be 64 lower-case hex characters");
        }
    }
}
