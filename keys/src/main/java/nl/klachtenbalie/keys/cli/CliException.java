package nl.klachtenbalie.keys.cli;

/** A failure to report to the user as one line; the message must make sense on its own. */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }
}
