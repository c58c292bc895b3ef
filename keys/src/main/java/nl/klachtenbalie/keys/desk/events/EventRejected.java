package nl.klachtenbalie.keys.desk.events;

/**
 * An event could not be accepted. {@link #kind()} names the failing step; the message never
 * contains decrypted content, because it is shown on the desk and may be logged by a careless
 * caller.
 */
public final class EventRejected extends Exception {

    private static final long serialVersionUID = 1L;

    /** The step that failed. */
    public enum Kind {
        /** Not addressed to this member, or the age file is damaged. */
        DECRYPT,
        /** The padding is not the one canonical form. */
        PADDING,
        /** The envelope or payload is not well-formed or breaks a rule of protocol §7. */
        MALFORMED,
        /** The signature does not verify under the key that should have made it. */
        SIGNATURE
    }

    private final Kind kind;

    public EventRejected(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
