package nl.klachtenbalie.crypto.event;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import nl.klachtenbalie.crypto.json.JsonException;
import nl.klachtenbalie.crypto.json.JsonValues;
import nl.klachtenbalie.crypto.json.JsonWriter;

/**
 * A team-internal event (protocol §7.5): case state, a note, an assignment or a label, signed in
 * the {@code internal} context by a member key and encrypted to the team only. It travels as a
 * team-only blob that is not keyed by mailbox; the {@code mailbox} it concerns is inside the
 * encryption, so the server never learns which case a note belongs to. Valid by construction.
 *
 * @param value the state code, note text, assignee id or label; what it means is the desk's
 *     business; NFC text of at most 20 000 code points, possibly empty (an unassignment)
 */
public record InternalEvent(String signer, LocalDate day, String mailbox, Type type, String value) {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "klachtenbalie-internal/v1";

    private static final Set<String> FIELDS = Set.of("format", "signer", "day", "mailbox", "type", "value");

    /** What the event records. */
    public enum Type {
        STATE("state"), NOTE("note"), ASSIGN("assign"), LABEL("label");

        private final String json;

        Type(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }

        static Type fromJson(String s) {
            for (Type t : values()) {
                if (t.json.equals(s)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("type must be state, note, assign or label");
        }
    }

    public InternalEvent {
        Fields.memberId("signer", signer);
        Fields.date("day", day);
        Fields.mailbox("mailbox", mailbox);
        Objects.requireNonNull(type, "type");
        Fields.text("value", value, Fields.MAX_TEXT, type == Type.NOTE, true);
    }

    public byte[] toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("format", FORMAT);
        o.put("signer", signer);
        o.put("day", Fields.dateString(day));
        o.put("mailbox", mailbox);
        o.put("type", type.json());
        o.put("value", value);
        return JsonWriter.write(o);
    }

    /** @throws EventException of kind {@code MALFORMED} */
    public static InternalEvent fromJson(byte[] json) throws EventException {
        try {
            Map<String, Object> o = JsonValues.object(SignedEnvelope.parseJson(json), FIELDS);
            if (!FORMAT.equals(JsonValues.string(o.get("format")))) {
                throw new IllegalArgumentException("unknown format");
            }
            return new InternalEvent(JsonValues.string(o.get("signer")),
                    Fields.date("day", JsonValues.string(o.get("day"))), JsonValues.string(o.get("mailbox")),
                    Type.fromJson(JsonValues.string(o.get("type"))), JsonValues.string(o.get("value")));
        } catch (JsonException | IllegalArgumentException e) {
            throw EventException.malformed("internal event: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "InternalEvent[" + type.json() + " mailbox " + mailbox + " by " + signer + "]";
    }
}
