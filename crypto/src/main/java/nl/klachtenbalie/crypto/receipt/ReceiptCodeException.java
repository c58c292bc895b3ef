package nl.klachtenbalie.crypto.receipt;

/**
 * What the reporter typed is not a valid receipt code. The message never contains the input: it
 * is the reporter's only credential, even when mistyped.
 */
public final class ReceiptCodeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the input was refused; the page maps these to "this is not a receipt code" / "check the code". */
    public enum Reason {
        /** A character that is neither a decimal digit nor an allowed separator. */
        NOT_A_CODE,
        /** Not exactly 24 digits after normalisation (or absurdly long input). */
        WRONG_LENGTH,
        /** The first digit names no scheme version this software knows. */
        UNKNOWN_VERSION,
        /** The check digits do not match: a typo. */
        CHECK_FAILED
    }

    private final Reason reason;

    public ReceiptCodeException(Reason reason) {
        super("receipt code refused: " + reason);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
