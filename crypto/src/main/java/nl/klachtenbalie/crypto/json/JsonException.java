package nl.klachtenbalie.crypto.json;

/**
 * Strict JSON was refused: a syntax error from {@link JsonParser}, or a value of the wrong shape
 * from {@link JsonValues}. The message names the problem and never echoes the input, which may be
 * hostile or secret.
 */
public final class JsonException extends Exception {

    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }
}
