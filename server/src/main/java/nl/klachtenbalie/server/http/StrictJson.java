package nl.klachtenbalie.server.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.stream.Collectors;
import nl.klachtenbalie.server.error.ApiException;

/**
 * One strict JSON reader for every request body: unknown fields, duplicate keys, trailing tokens,
 * type coercions ("1" for 1, 1 for "1") and nulls for numbers are all refused with a message that
 * names the field, never the value.
 */
public final class StrictJson {

    private final ObjectMapper mapper;

    public StrictJson() {
        JsonMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        this.mapper = m;
    }

    /** The mapper, for writing responses. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Parses {@code body} as {@code type} or throws a 400 that names what is wrong. */
    public <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw ApiException.badRequest("bad_json", "the request body must be a JSON object");
        }
        if (!plainUtf8Object(body)) {
            throw ApiException.badRequest("bad_json", "the request body must be a UTF-8 JSON object without a byte-order mark");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("bad_json", "the request body must be a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown_field", "unknown field '" + e.getPropertyName() + "'; see docs/api.md");
        } catch (MismatchedInputException e) {
            throw ApiException.badRequest("wrong_type", "field '" + path(e) + "' has the wrong type or shape");
        } catch (JsonParseException e) {
            throw ApiException.badRequest("bad_json", "the request body is not well-formed JSON");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("bad_json", "the request body could not be read as JSON");
        } catch (IOException e) {
            throw ApiException.badRequest("bad_json", "the request body could not be read");
        }
    }

    /**
     * Jackson sniffs the encoding of a byte body: it skips a byte-order mark and reads UTF-16 and
     * UTF-32 too. The API is UTF-8 only, so that one request has one byte spelling (the request
     * signature covers the exact bytes): the body must start, after ASCII white space, with '{',
     * and no NUL may appear among the first four bytes (that is how UTF-16/32 would be detected).
     */
    private static boolean plainUtf8Object(byte[] body) {
        for (int i = 0; i < Math.min(4, body.length); i++) {
            if (body[i] == 0) {
                return false;
            }
        }
        for (byte b : body) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return false;
    }

    /** Serialises {@code value} to UTF-8 JSON bytes. */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }

    private static String path(MismatchedInputException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return p.isEmpty() ? "(body)" : p;
    }
}
