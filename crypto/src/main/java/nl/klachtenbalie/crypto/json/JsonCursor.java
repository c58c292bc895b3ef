package nl.klachtenbalie.crypto.json;

/**
 * The lexical half of {@link JsonParser}: a position in the text, white space, and string literals
 * with strict escapes (only the eight short escapes and {@code \\u} with four hex digits; a
 * surrogate escape must be a well-formed pair; raw control characters are refused).
 */
abstract class JsonCursor {

    final String s;
    int pos;

    JsonCursor(String s) {
        this.s = s;
    }

    final String string() throws JsonException {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw new JsonException("control character in string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(unicodeEscape());
                default -> throw new JsonException("bad escape");
            }
        }
    }

    /** A \\u escape, joining a surrogate pair; an unpaired surrogate is an error. */
    final String unicodeEscape() throws JsonException {
        char hi = hex4();
        if (Character.isLowSurrogate(hi)) {
            throw new JsonException("unpaired surrogate");
        }
        if (!Character.isHighSurrogate(hi)) {
            return String.valueOf(hi);
        }
        if (pos + 1 >= s.length() || s.charAt(pos) != '\\' || s.charAt(pos + 1) != 'u') {
            throw new JsonException("unpaired surrogate");
        }
        pos += 2;
        char lo = hex4();
        if (!Character.isLowSurrogate(lo)) {
            throw new JsonException("unpaired surrogate");
        }
        return new String(new char[] {hi, lo});
    }

    final char hex4() throws JsonException {
        if (pos + 4 > s.length()) {
            throw new JsonException("bad escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            char c = s.charAt(pos++);
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                d = c - 'A' + 10;
            } else {
                throw new JsonException("bad escape");
            }
            v = (v << 4) | d;
        }
        return (char) v;
    }

    final void skipWhitespace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    final char peek() throws JsonException {
        if (pos >= s.length()) {
            throw new JsonException("unexpected end");
        }
        return s.charAt(pos);
    }

    final char next() throws JsonException {
        char c = peek();
        pos++;
        return c;
    }

    final void expect(char c) throws JsonException {
        if (next() != c) {
            throw new JsonException("expected " + c);
        }
    }
}
