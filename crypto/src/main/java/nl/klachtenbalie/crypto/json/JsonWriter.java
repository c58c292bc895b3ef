package nl.klachtenbalie.crypto.json;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes the values {@link JsonParser} produces, deterministically: no white space, object keys in
 * the map's iteration order, integers in decimal, strings with only the escapes JSON requires
 * (backslash-quote, backslash-backslash, and backslash-u00XX for control characters). The signer signs these
 * exact bytes, so nothing here may depend on locale or platform. The browser mirrors it byte for
 * byte (client-web/src/crypto/envelope.js) so both sides build identical payloads.
 */
public final class JsonWriter {

    private final StringBuilder sb = new StringBuilder();

    private JsonWriter() {
    }

    /**
     * The UTF-8 bytes of {@code value}: a {@code String}, {@code Long}/{@code Integer} within
     * ±(2^53 − 1), {@code Boolean}, {@link JsonParser#NULL}, a {@code Map<String, ?>} or a
     * {@code List<?>} of these.
     *
     * @throws IllegalArgumentException for anything else, an out-of-range integer or a string with
     *     an unpaired surrogate
     */
    public static byte[] write(Object value) {
        JsonWriter w = new JsonWriter();
        w.value(value);
        return w.sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void value(Object v) {
        if (v instanceof String str) {
            string(str);
        } else if (v instanceof Long || v instanceof Integer) {
            long n = ((Number) v).longValue();
            if (Math.abs(n) > JsonParser.MAX_SAFE_INTEGER) {
                throw new IllegalArgumentException("integer out of range");
            }
            sb.append(n);
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v == JsonParser.NULL) {
            sb.append("null");
        } else if (v instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string((String) e.getKey());
                sb.append(':');
                value(e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                value(list.get(i));
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + (v == null ? "null" : v.getClass().getSimpleName()));
        }
    }

    private void string(String str) {
        sb.append('"');
        for (int i = 0; i < str.length(); i++) {
            char c = str.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else if (Character.isSurrogate(c)) {
                // Only well-formed pairs: a lone surrogate has no UTF-8 encoding.
                if (Character.isHighSurrogate(c) && i + 1 < str.length() && Character.isLowSurrogate(str.charAt(i + 1))) {
                    sb.append(c).append(str.charAt(++i));
                } else {
                    throw new IllegalArgumentException("unpaired surrogate");
                }
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
