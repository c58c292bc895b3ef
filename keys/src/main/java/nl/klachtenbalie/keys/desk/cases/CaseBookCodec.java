package nl.klachtenbalie.keys.desk.cases;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.keys.desk.events.EventCodec;
import nl.klachtenbalie.keys.desk.events.InternalPayload;
import nl.klachtenbalie.keys.desk.events.Signed;
import nl.klachtenbalie.keys.desk.team.TeamDirectory;

/**
 * The whole state of a {@link CaseBook} as JSON and back, for the desk's sealed snapshot (protocol
 * §10): every case with every field, the desk warnings, internal events still waiting for their
 * report, and the arrival counter. Restoring gives a book that lists, searches and shows exactly
 * what replaying the events gave.
 *
 * <p>Case fields are handled by one table ({@link #CASE_FIELDS}): a new field on {@link Case} is one
 * entry there. Until it is added, a test fails; and because {@link CaseSchema#hash()} is a hash of the
 * declared fields of every class stored here, a snapshot written before any such change is
 * refused as "other version" and the desk replays the events instead of restoring a case without
 * the new field.
 */
public final class CaseBookCodec {

    /** Derived, not state: rebuilt on demand. */
    static final Set<String> CASE_CACHES = Set.of("searchText");
    /** Collaborators of the book, not state. */
    static final Set<String> BOOK_COLLABORATORS = Set.of("codec", "identities", "team");

    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    /** One stored field of a case: how to write it, and how to set it on a freshly constructed case. */
    private record CaseField(String name, Function<Case, Object> get, BiConsumer<Case, JsonNode> set) {
    }

    /**
     * Every field of {@link Case}. The six constructor arguments (mailbox, keys, report day, form,
     * language) are read before the case exists, so their setters are no-ops.
     */
    private final List<CaseField> caseFields = List.of(
            new CaseField("mailbox", Case::mailbox, (c, n) -> { }),
            new CaseField("mailboxKey", Case::mailboxKey, (c, n) -> { }),
            new CaseField("replyRecipient", Case::replyRecipient, (c, n) -> { }),
            new CaseField("reportDay", c -> c.reportDay().toString(), (c, n) -> { }),
            new CaseField("form", Case::form, (c, n) -> { }),
            new CaseField("lang", Case::lang, (c, n) -> { }),
            new CaseField("photos", c -> c.photos, (c, n) -> c.photos.addAll(list(n, Photo.class))),
            new CaseField("conversation", c -> c.conversation,
                    (c, n) -> c.conversation.addAll(list(n, ConversationItem.class))),
            new CaseField("notes", c -> c.notes, (c, n) -> c.notes.addAll(list(n, Note.class))),
            new CaseField("warnings", c -> warnings(c.warnings), (c, n) -> c.warnings.addAll(warnings(n))),
            new CaseField("labels", c -> c.labels, (c, n) -> n.forEach(l -> c.labels.add(l.asText()))),
            new CaseField("state", c -> c.state.code(),
                    (c, n) -> c.state = CaseState.fromCode(n.asText()).orElseThrow(() -> new Malformed("state"))),
            new CaseField("assignee", c -> c.assignee, (c, n) -> c.assignee = n.asText()),
            new CaseField("lastReporterHash", c -> c.lastReporterHash,
                    (c, n) -> c.lastReporterHash = n.isNull() ? null : n.asText()),
            new CaseField("lastReporterSeq", c -> c.lastReporterSeq, (c, n) -> c.lastReporterSeq = n.asLong()),
            new CaseField("maxReplySeq", c -> c.maxReplySeq, (c, n) -> c.maxReplySeq = n.asLong()),
            new CaseField("purgeRequested", c -> c.purgeRequested, (c, n) -> c.purgeRequested = n.asBoolean()));

    /** A snapshot body that does not have the shape this version writes. */
    public static final class Malformed extends RuntimeException {
        Malformed(String what) {
            super("snapshot field " + what);
        }
    }

    /** The names of the fields the table covers, for the test that keeps it complete. */
    Set<String> caseFieldNames() {
        Set<String> names = new TreeSet<>();
        caseFields.forEach(f -> names.add(f.name()));
        return names;
    }

    /** Writes the book as one JSON object to {@code out} (and closes it), case by case, never as one big tree. */
    public void write(CaseBook book, OutputStream out) throws IOException {
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("order", book.order);
            g.writeArrayFieldStart("cases");
            for (Case c : book.cases.values()) {
                g.writeStartObject();
                for (CaseField f : caseFields) {
                    g.writeFieldName(f.name());
                    json.writeValue(g, f.get().apply(c));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("deskWarnings");
            g.writeTree(warnings(book.deskWarnings));
            g.writeObjectFieldStart("waiting");
            for (Map.Entry<String, List<Signed<InternalPayload>>> e : book.waiting.entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (Signed<InternalPayload> s : e.getValue()) {
                    InternalPayload p = s.payload();
                    g.writeStartObject();
                    g.writeStringField("signer", p.signer());
                    g.writeStringField("day", p.day().toString());
                    g.writeStringField("mailbox", p.mailbox());
                    g.writeStringField("type", p.type());
                    g.writeStringField("value", p.value());
                    g.writeStringField("bytes", Base64.getEncoder().encodeToString(s.payloadBytes()));
                    g.writeStringField("signature", Base64.getEncoder().encodeToString(s.signature()));
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /**
     * A book with exactly the state the JSON in {@code in} describes; one case at a time is held
     * as a tree.
     *
     * @throws Malformed if anything is missing or has the wrong shape (the caller replays instead)
     */
    public CaseBook read(InputStream in, EventCodec codec, List<? extends Identity> identities, TeamDirectory team)
            throws IOException {
        CaseBook book = new CaseBook(codec, identities, team);
        Set<String> seen = new TreeSet<>();
        try (JsonParser p = json.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Malformed("root");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                seen.add(name);
                switch (name) {
                    case "order" -> {
                        if (t != JsonToken.VALUE_NUMBER_INT) {
                            throw new Malformed("order");
                        }
                        book.order = p.getLongValue();
                    }
                    case "cases" -> {
                        if (t != JsonToken.START_ARRAY) {
                            throw new Malformed("cases");
                        }
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            Case c = readCase((JsonNode) p.readValueAsTree());
                            if (book.cases.put(c.mailbox(), c) != null) {
                                throw new Malformed("cases: duplicate mailbox");
                            }
                        }
                    }
                    case "deskWarnings" -> book.deskWarnings.addAll(warnings((JsonNode) p.readValueAsTree()));
                    case "waiting" -> readWaiting((JsonNode) p.readValueAsTree(), book);
                    default -> throw new Malformed(name);
                }
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new Malformed(e.getClass().getSimpleName());
        }
        if (!seen.equals(Set.of("order", "cases", "deskWarnings", "waiting"))) {
            throw new Malformed("fields " + seen);
        }
        return book;
    }

    private Case readCase(JsonNode o) {
        Map<String, String> form = new LinkedHashMap<>();
        require(o, "form").fields().forEachRemaining(e -> form.put(e.getKey(), e.getValue().asText()));
        Case c = new Case(text(o, "mailbox"), nullable(o, "mailboxKey"), nullable(o, "replyRecipient"),
                LocalDate.parse(text(o, "reportDay")), form, nullable(o, "lang"));
        for (CaseField f : caseFields) {
            f.set().accept(c, require(o, f.name()));
        }
        return c;
    }

    private static void readWaiting(JsonNode waiting, CaseBook book) {
        waiting.fields().forEachRemaining(e -> {
            List<Signed<InternalPayload>> events = new ArrayList<>();
            for (JsonNode o : e.getValue()) {
                InternalPayload p = new InternalPayload(nullable(o, "signer"), LocalDate.parse(text(o, "day")),
                        nullable(o, "mailbox"), nullable(o, "type"), nullable(o, "value"));
                events.add(new Signed<>(p, Base64.getDecoder().decode(text(o, "bytes")),
                        Base64.getDecoder().decode(text(o, "signature"))));
            }
            book.waiting.put(e.getKey(), events);
        });
    }

    // --- helpers -----------------------------------------------------------------------------

    /** Warning arguments are ids, words and numbers; each keeps its Java type through the round trip. */
    private ArrayNode warnings(List<Warning> warnings) {
        ArrayNode a = json.createArrayNode();
        for (Warning w : warnings) {
            ObjectNode o = a.addObject();
            o.put("eventId", w.eventId());
            o.put("day", w.day());
            o.put("key", w.key());
            ArrayNode args = o.putArray("args");
            for (Object arg : w.args()) {
                ArrayNode typed = args.addArray();
                if (arg instanceof Long l) {
                    typed.add("l").add(l);
                } else if (arg instanceof Integer i) {
                    typed.add("i").add(i);
                } else {
                    typed.add("s").add(String.valueOf(arg));
                }
            }
        }
        return a;
    }

    private List<Warning> warnings(JsonNode a) {
        List<Warning> out = new ArrayList<>();
        for (JsonNode o : a) {
            List<Object> args = new ArrayList<>();
            for (JsonNode typed : require(o, "args")) {
                JsonNode v = typed.get(1);
                if (v == null) {
                    throw new Malformed("warning argument");
                }
                switch (typed.path(0).asText()) {
                    case "l" -> args.add(v.asLong());
                    case "i" -> args.add(v.asInt());
                    case "s" -> args.add(v.asText());
                    default -> throw new Malformed("warning argument type");
                }
            }
            out.add(new Warning(nullable(o, "eventId"), nullable(o, "day"), text(o, "key"), args));
        }
        return out;
    }

    private <T> List<T> list(JsonNode a, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (JsonNode n : a) {
            out.add(value(n, type));
        }
        return out;
    }

    private <T> T value(JsonNode n, Class<T> type) {
        try {
            return json.treeToValue(n, type);
        } catch (JsonProcessingException e) {
            throw new Malformed(type.getSimpleName());
        }
    }

    private static JsonNode require(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null) {
            throw new Malformed(field);
        }
        return n;
    }

    private static String nullable(JsonNode o, String field) {
        JsonNode n = require(o, field);
        return n.isNull() ? null : text(o, field);
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = require(o, field);
        if (!n.isTextual()) {
            throw new Malformed(field);
        }
        return n.asText();
    }
}
