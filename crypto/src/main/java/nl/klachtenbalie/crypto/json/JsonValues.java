package nl.klachtenbalie.crypto.json;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to what {@link JsonParser} returns, for schema checks: each method either returns
 * the value in the expected shape or throws {@link JsonException}. Formats built on this refuse
 * unknown fields, so a field one side does not understand can never be silently ignored.
 */
public final class JsonValues {

    private JsonValues() {
    }

    /** An object with exactly the {@code required} keys. */
    public static Map<String, Object> object(Object v, Set<String> required) throws JsonException {
        return object(v, required, Set.of());
    }

    /** An object with every {@code required} key, any of the {@code optional} ones, and no other. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object v, Set<String> required, Set<String> optional)
            throws JsonException {
        if (!(v instanceof Map)) {
            throw new JsonException("expected an object");
        }
        Map<String, Object> m = (Map<String, Object>) v;
        if (!m.keySet().containsAll(required)) {
            throw new JsonException("missing field");
        }
        for (String key : m.keySet()) {
            if (!required.contains(key) && !optional.contains(key)) {
                throw new JsonException("unknown field");
            }
        }
        return m;
    }

    /** An object with any keys (the caller checks them). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> anyObject(Object v) throws JsonException {
        if (!(v instanceof Map)) {
            throw new JsonException("expected an object");
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> array(Object v) throws JsonException {
        if (!(v instanceof List)) {
            throw new JsonException("expected an array");
        }
        return (List<Object>) v;
    }

    public static String string(Object v) throws JsonException {
        if (!(v instanceof String s)) {
            throw new JsonException("expected a string");
        }
        return s;
    }

    /** An integer in {@code [min, max]}. */
    public static long integer(Object v, long min, long max) throws JsonException {
        if (!(v instanceof Long n)) {
            throw new JsonException("expected an integer");
        }
        if (n < min || n > max) {
            throw new JsonException("integer out of range");
        }
        return n;
    }
}
