package nl.klachtenbalie.crypto.pad;

/** Content cannot be padded, or a padded plaintext is malformed; {@link #kind()} says which. */
public final class PaddingException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why padding or unpadding failed. */
    public enum Kind {
        /** The content is larger than the largest bucket allows. */
        TOO_LARGE,
        /** The padded length is not one of the buckets. */
        NOT_A_BUCKET,
        /** The declared content length does not fit in the padded bytes. */
        BAD_LENGTH,
        /** A padding byte is not zero. */
        NONZERO_PADDING
    }

    private final Kind kind;

    public PaddingException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
