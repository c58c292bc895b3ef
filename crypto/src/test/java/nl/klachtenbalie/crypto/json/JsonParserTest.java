package nl.klachtenbalie.crypto.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonParserTest {

    private static Object parse(String s) throws JsonException {
        return JsonParser.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsStrictJson() throws JsonException {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", List.of(1L, -2L, 0L, 9007199254740991L, -9007199254740991L));
        expected.put("b", "x\"\\/\b\f\n\r\t\u00e9\ud83d\ude00");
        expected.put("c", Boolean.TRUE);
        expected.put("d", Boolean.FALSE);
        expected.put("e", JsonParser.NULL);
        expected.put("f", Map.of());
        expected.put("g", List.of());
        Object got = parse(" {\"a\":[1,-2,0,9007199254740991,-9007199254740991],"
                + "\"b\":\"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00E9\\ud83d\\ude00\",\"c\":true,\"d\":false,\"e\":null,"
                + "\"f\":{},\"g\":[]}\n");
        assertEquals(expected, got);
        assertEquals("é😀", parse("\"é😀\""));
    }

    @Test
    void refusesEverythingLenient() {
        String[] bad = {
            "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{'a':1}", "{\"a\":1}{}", "[1] x",
            "{\"a\":1,\"a\":2}", "1.0", "1e3", "1E3", "-", "01", "-01", "+1", "9007199254740992",
            "-9007199254740992", "12345678901234567890", "NaN", "Infinity", "tru", "nul", "\"\\x\"", "\"\\u12\"",
            "\"\\u12g4\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"a\tb\"", "\"a\nb\"", "\"abc",
            "\ufeff{}", "[[[[[[[[[]]]]]]]]]", "{\"a\":[[[[[[[[]]]]]]]]}", "\u00a0{}", "\"\\u\u0661\u0661\u0661\u0661\"",
        };
        for (String s : bad) {
            assertThrows(JsonException.class, () -> parse(s), s);
        }
        assertThrows(JsonException.class, () -> JsonParser.parse(new byte[] {'"', (byte) 0xc3, '"'}));
        assertThrows(JsonException.class, () -> JsonParser.parse(new byte[] {'"', (byte) 0xed,
            (byte) 0xa0, (byte) 0x80, '"'})); // CESU-style surrogate in UTF-8
    }

    @Test
    void depthLimitIsExactlyEight() throws JsonException {
        parse("[[[[[[[[]]]]]]]]");
    }

    @Test
    void writerRoundTrips() throws JsonException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", "control \u0001 quote \" backslash \\ é 😀");
        m.put("a", List.of(1L, -5L, Boolean.TRUE, JsonParser.NULL));
        byte[] json = JsonWriter.write(m);
        assertEquals("{\"z\":\"control \\u0001 quote \\\" backslash \\\\ é 😀\",\"a\":[1,-5,true,null]}",
                new String(json, StandardCharsets.UTF_8));
        assertEquals(m, JsonParser.parse(json));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write("\ud800"));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(1L << 53));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(1.5));
    }
}
