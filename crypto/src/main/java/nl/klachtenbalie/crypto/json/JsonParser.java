package nl.klachtenbalie.crypto.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately small, strict JSON parser (RFC 8259) for team bundles and event payloads
 * (protocol §6, §7): objects become
 * {@code LinkedHashMap<String, Object>}, arrays {@code List<Object>}, strings {@code String},
 * numbers {@code Long}, and {@code true}/{@code false}/{@code null} {@code Boolean}/{@link #NULL}.
 *
 * <p>Strict where general parsers are lenient, because a bundle must mean one thing to Java and to
 * the browser: invalid UTF-8, duplicate keys, fractions and exponents, leading zeros, integers
 * beyond ±(2^53 − 1) (which JavaScript cannot hold exactly), unknown escapes, unescaped control
 * characters, unpaired surrogate escapes, nesting deeper than {@link #MAX_DEPTH} and trailing data
 * are all errors. Input size is bounded by the caller.
 */
public final class JsonParser extends JsonCursor {

    /** The JSON {@code null}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    public static final int MAX_DEPTH = 8;
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private JsonParser(String s) {
        super(s);
    }

    /** Parses one JSON value from strict UTF-8 bytes; surrounding JSON white space is allowed. */
    public static Object parse(byte[] utf8) throws JsonException {
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

}
