package nl.klachtenbalie.server.error;

/**
 * A client-facing failure: an HTTP status, a stable machine-readable code and a message a client
 * can act on. Messages never echo request data back, so nothing a reporter sent is repeated in a
 * response a proxy might log.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    /** The one answer for every authentication failure, so a wrong signature and an unknown mailbox look alike. */
    public static ApiException unauthorized() {
        return new ApiException(401, "unauthorized",
                "the request signature does not verify for this mailbox; check the receipt code");
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, "too_large", message);
    }
}
