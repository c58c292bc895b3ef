package nl.klachtenbalie.keys.team;

/**
 * A ceremony step refused or failed, with a message written for the person at the desk: it names
 * the file or member concerned and never contains a key, a passphrase or a stack trace.
 */
public final class TeamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TeamException(String message) {
        super(message);
    }
}
