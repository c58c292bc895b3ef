package nl.klachtenbalie.crypto.vectors;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pretty, deterministic JSON for the vector file: two-space indent, keys in insertion order, and
 * every non-ASCII or control character escaped as {@code \\uXXXX} so the file is plain ASCII and
 * look-alike characters (no-break spaces, other scripts' digits) stay visible in review.
 */
final class VectorJson {

    private VectorJson() {
    }

    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, Object v, int indent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                pad(sb, indent + 1);
                string(sb, (String) e.getKey());
                sb.append(": ");
                write(sb, e.getValue(), indent + 1);
                sb.append(++i < m.size() ? ",\n" : "\n");
            }
            pad(sb, indent);
            sb.append('}');
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                sb.append("[]");
                return;
            }
            boolean scalars = l.stream().allMatch(x -> x instanceof Integer || x instanceof Long);
            if (scalars) {
                // Long lists of numbers (code points) on one line each of up to 12.
                sb.append("[\n");
                for (int i = 0; i < l.size(); i++) {
                    if (i % 12 == 0) {
                        pad(sb, indent + 1);
                    }
                    sb.append(l.get(i));
                    sb.append(i + 1 < l.size() ? (i % 12 == 11 ? ",\n" : ", ") : "\n");
                }
                pad(sb, indent);
                sb.append(']');
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < l.size(); i++) {
                pad(sb, indent + 1);
                write(sb, l.get(i), indent + 1);
                sb.append(i + 1 < l.size() ? ",\n" : "\n");
            }
            pad(sb, indent);
            sb.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass());
        }
    }

    private static void pad(StringBuilder sb, int indent) {
        sb.append("  ".repeat(indent));
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
