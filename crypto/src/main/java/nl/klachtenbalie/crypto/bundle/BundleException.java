package nl.klachtenbalie.crypto.bundle;

/**
 * A team bundle was refused. {@link #kind()} names the failing step, so the page can say
 * "temporarily unavailable" instead of encrypting to keys it cannot trust; the message never
 * contains bundle content.
 */
public final class BundleException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The verification step that failed. */
    public enum Kind {
        /** Not a well-formed bundle file or payload (syntax, schema, sizes, encodings). */
        MALFORMED,
        /** The signature does not verify under the pinned root key and deployment. */
        SIGNATURE,
        /** Signed by the pinned root, but for another deployment, root key or Argon2 parameters. */
        WRONG_DEPLOYMENT,
        /** Older than a bundle this verifier has already seen. */
        DOWNGRADE,
        /** Past its last valid day, beyond one day of grace. */
        EXPIRED
    }

    private final Kind kind;

    public BundleException(Kind kind, String message) {
        super(kind + ": " + message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
