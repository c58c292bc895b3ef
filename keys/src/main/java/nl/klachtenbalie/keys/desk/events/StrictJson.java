package nl.klachtenbalie.keys.desk.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

/**
 * Strict reading of small JSON objects for the desk's interim event codec: valid UTF-8 without a
 * byte-order mark, no duplicate keys, exactly the expected fields, integers only, strings in NFC.
 * Every failure is a {@link EventRejected} of kind {@code MALFORMED} whose message names the field
 * but never its value.
 */
final class StrictJson {

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private StrictJson() {
    }

    static ObjectNode object(byte[] utf8, Set<String> required, Set<String> optional) throws EventRejected {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8));
        } catch (CharacterCodingException e) {
            throw malformed("not UTF-8");
        }
        if (utf8.length >= 3 && (utf8[0] & 0xff) == 0xef && (utf8[1] & 0xff) == 0xbb && (utf8[2] & 0xff) == 0xbf) {
            throw malformed("byte-order mark");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(utf8);
        } catch (IOException e) {
            throw malformed("not strict JSON");
        }
        if (node == null || !node.isObject()) {
            throw malformed("not a JSON object");
        }
        ObjectNode o = (ObjectNode) node;
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!required.contains(name) && !optional.contains(name)) {
                throw malformed("unknown field");
            }
        }
        for (String name : required) {
            if (!o.has(name)) {
                throw malformed("missing field " + name);
            }
        }
        return o;
    }

    static String string(JsonNode o, String field, int maxChars) throws EventRejected {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw malformed(field + " must be a string");
        }
        String s = n.textValue();
        if (s.length() > maxChars) {
            throw malformed(field + " too long");
        }
        if (!Normalizer.isNormalized(s, Normalizer.Form.NFC)) {
            throw malformed(field + " is not NFC");
        }
        return s;
    }

    static String matching(JsonNode o, String field, String regex) throws EventRejected {
        String s = string(o, field, 256);
        if (!s.matches(regex)) {
            throw malformed(field + " has the wrong form");
        }
        return s;
    }

    static long integer(JsonNode o, String field, long min, long max) throws EventRejected {
        JsonNode n = o.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw malformed(field + " must be an integer");
        }
        long v = n.longValue();
        if (v < min || v > max) {
            throw malformed(field + " out of range");
        }
        return v;
    }

    static LocalDate day(JsonNode o, String field) throws EventRejected {
        String s = matching(o, field, "[0-9]{4}-[0-9]{2}-[0-9]{2}");
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw malformed(field + " is not a calendar date");
        }
    }

    static EventRejected malformed(String why) {
        return new EventRejected(EventRejected.Kind.MALFORMED, why);
    }
}
