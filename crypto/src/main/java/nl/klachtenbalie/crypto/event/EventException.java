package nl.klachtenbalie.crypto.event;

/**
 * An event was refused. {@link #kind()} names the failing step so the desk and the browser can say
 * what went wrong without showing anything of the event; the message never contains event content.
 */
public final class EventException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The step that failed. */
    public enum Kind {
        /** Not a well-formed event: size, padding, envelope or payload syntax and rules. */
        MALFORMED,
        /** The age file could not be decrypted with the identities at hand (or is corrupt). */
        DECRYPT,
        /** The signature does not verify under the expected key, context and deployment. */
        SIGNATURE,
        /** Signed correctly, but the signer is unknown or was not allowed to sign it on that day. */
        SIGNER,
        /** The event names another mailbox than the one it was filed under or addressed to. */
        WRONG_MAILBOX,
        /** The mailbox key or reply recipient differs from the one pinned from the first report. */
        KEY_MISMATCH
    }

    private final Kind kind;

    public EventException(Kind kind, String message) {
        super(kind + ": " + message);
        this.kind = kind;
    }

    public EventException(Kind kind, String message, Throwable cause) {
        super(kind + ": " + message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static EventException malformed(String message) {
        return new EventException(Kind.MALFORMED, message);
    }
}
