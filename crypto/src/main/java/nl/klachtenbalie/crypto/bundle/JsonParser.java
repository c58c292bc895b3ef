package nl.klachtenbalie.crypto.bundle;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately small, strict JSON parser (RFC 8259) for the team bundle: objects become
 * {@code LinkedHashMap<String, Object>}, arrays {@code List<Object>}, strings {@code String},
 * numbers {@code Long}, and {@code true}/{@code false}/{@code null} {@code Boolean}/{@link #NULL}.
 *
 * <p>Strict where general parsers are lenient, because a bundle must mean one thing to Java and to
 * the browser: invalid UTF-8, duplicate keys, fractions and exponents, leading zeros, integers
 * beyond ±(2^53 − 1) (which JavaScript cannot hold exactly), unknown escapes, unescaped control
 * characters, unpaired surrogate escapes, nesting deeper than {@link #MAX_DEPTH} and trailing data
 * are all errors. Input size is bounded by the caller.
 */
final class JsonParser {

    /** The JSON {@code null}. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    static final int MAX_DEPTH = 8;
    static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    /** A parse failure; the message names the problem, never echoes the input. */
    static final class JsonException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonException(String message) {
            super(message);
        }
    }

    private final String s;
    private int pos;

    private JsonParser(String s) {
        this.s = s;
    }

    /** Parses one JSON value from strict UTF-8 bytes; surrounding JSON white space is allowed. */
    static Object parse(byte[] utf8) throws JsonException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new JsonException("invalid UTF-8");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            throw new JsonException("byte order mark");
        }
        JsonParser p = new JsonParser(text);
        p.skipWhitespace();
        Object v = p.value(0);
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw new JsonException("trailing data");
        }
        return v;
    }

    private Object value(int depth) throws JsonException {
        if (pos >= s.length()) {
            throw new JsonException("unexpected end");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw new JsonException("unexpected character");
        }
    }

    private Map<String, Object> object(int depth) throws JsonException {
        checkDepth(depth);
        pos++;
        Map<String, Object> out = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return out;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new JsonException("expected a key");
            }
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object v = value(depth);
            if (out.putIfAbsent(key, v) != null) {
                throw new JsonException("duplicate key");
            }
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                throw new JsonException("expected , or }");
            }
        }
    }

    private List<Object> array(int depth) throws JsonException {
        checkDepth(depth);
        pos++;
        List<Object> out = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return out;
        }
        while (true) {
            skipWhitespace();
            out.add(value(depth));
            skipWhitespace();
            char c = next();
            if (c == ']') {
                return out;
            }
            if (c != ',') {
                throw new JsonException("expected , or ]");
            }
        }
    }

    private String string() throws JsonException {
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
    private String unicodeEscape() throws JsonException {
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

    private char hex4() throws JsonException {
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

    private Long number() throws JsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digitsStart = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
            pos++;
        }
        int digits = pos - digitsStart;
        if (digits == 0) {
            throw new JsonException("bad number");
        }
        if (pos < s.length() && (s.charAt(pos) == '.' || s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            throw new JsonException("only integers are allowed");
        }
        if (digits > 1 && s.charAt(digitsStart) == '0') {
            throw new JsonException("leading zero");
        }
        if (digits > 16) {
            throw new JsonException("integer out of range");
        }
        long v = Long.parseLong(s.substring(start, pos));
        if (Math.abs(v) > MAX_SAFE_INTEGER) {
            throw new JsonException("integer out of range");
        }
        return v;
    }

    private Object literal(String word, Object value) throws JsonException {
        if (!s.startsWith(word, pos)) {
            throw new JsonException("unexpected character");
        }
        pos += word.length();
        return value;
    }

    private static void checkDepth(int depth) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw new JsonException("nested too deeply");
        }
    }

    private void skipWhitespace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() throws JsonException {
        if (pos >= s.length()) {
            throw new JsonException("unexpected end");
        }
        return s.charAt(pos);
    }

    private char next() throws JsonException {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) throws JsonException {
        if (next() != c) {
            throw new JsonException("expected " + c);
        }
    }
}
