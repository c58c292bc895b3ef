package nl.klachtenbalie.crypto.age;

import java.io.IOException;
import java.util.Objects;

/**
 * Why an age file could not be read.
 *
 * <p>It extends {@link IOException} because decryption is streaming: a payload or armor failure
 * can surface from {@link java.io.InputStream#read} long after the header was accepted. Callers
 * that must tell a damaged or hostile file apart from a failing disk catch this type first; a
 * plain {@code IOException} is always an I/O failure of the underlying stream.
 *
 * <p>Messages name the failing step but never contain key material or plaintext. Authentication
 * failures (wrong MAC, wrong tag) deliberately say no more than that.
 */
public final class AgeException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The step that failed, matching the failure classes of the cctv-age vectors. */
    public enum Kind {
        /** The header is malformed, or a stanza addressed to one of our identities is. */
        HEADER,
        /** A file key was recovered but the header MAC does not verify. */
        HMAC,
        /** The STREAM payload is truncated, has trailing data or fails authentication. */
        PAYLOAD,
        /** The ASCII armor around the file is malformed. */
        ARMOR,
        /** The header is well formed but no identity can unwrap any stanza. */
        NO_MATCH
    }

    private final Kind kind;

    public AgeException(Kind kind, String message) {
        super(message);
        Objects.requireNonNull(kind);
        this.kind = kind;
    }

    public AgeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        Objects.requireNonNull(kind);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
