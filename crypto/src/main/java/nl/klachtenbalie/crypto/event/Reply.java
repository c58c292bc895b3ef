package nl.klachtenbalie.crypto.event;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nl.klachtenbalie.crypto.json.JsonException;
import nl.klachtenbalie.crypto.json.JsonParser;
import nl.klachtenbalie.crypto.json.JsonValues;
import nl.klachtenbalie.crypto.json.JsonWriter;

/**
 * A team reply to a reporter (protocol §7.3), signed in the {@code reply} context by the
 * reply-signing key of member {@code signer} as listed in the team bundle. Valid by construction.
 *
 * <p>{@code replySeq} numbers the team's replies in one mailbox 1, 2, 3 … so the browser can say
 * "a message may be missing" on a gap; {@code lastReporterEvent} is the {@link EventHash} of the
 * last reporter event the team saw, so the reporter can tell what the reply answers.
 */
public record Reply(String mailbox, long replySeq, String lastReporterEvent, long bundleVersion, String signer,
                    LocalDate day, String lang, String text) {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "klachtenbalie-reply/v1";

    private static final Set<String> FIELDS = Set.of("format", "mailbox", "replySeq", "lastReporterEvent",
            "bundleVersion", "signer", "day", "lang", "text");

    public Reply {
        Fields.mailbox("mailbox", mailbox);
        Fields.positive("replySeq", replySeq);
        Fields.hash("lastReporterEvent", lastReporterEvent);
        Fields.positive("bundleVersion", bundleVersion);
        Fields.memberId("signer", signer);
        Fields.date("day", day);
        Fields.lang("lang", lang);
        Fields.text("text", text, Fields.MAX_TEXT, true, false);
    }

    /** The payload bytes: fields in the order of the protocol table, no white space. */
    public byte[] toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("format", FORMAT);
        o.put("mailbox", mailbox);
        o.put("replySeq", replySeq);
        o.put("lastReporterEvent", lastReporterEvent);
        o.put("bundleVersion", bundleVersion);
        o.put("signer", signer);
        o.put("day", Fields.dateString(day));
        o.put("lang", lang);
        o.put("text", text);
        return JsonWriter.write(o);
    }

    /** @throws EventException of kind {@code MALFORMED} */
    public static Reply fromJson(byte[] json) throws EventException {
        try {
            Map<String, Object> o = JsonValues.object(SignedEnvelope.parseJson(json), FIELDS);
            if (!FORMAT.equals(JsonValues.string(o.get("format")))) {
                throw new IllegalArgumentException("unknown format");
            }
            return new Reply(JsonValues.string(o.get("mailbox")),
                    JsonValues.integer(o.get("replySeq"), 1, JsonParser.MAX_SAFE_INTEGER),
                    JsonValues.string(o.get("lastReporterEvent")),
                    JsonValues.integer(o.get("bundleVersion"), 1, JsonParser.MAX_SAFE_INTEGER),
                    JsonValues.string(o.get("signer")), Fields.date("day", JsonValues.string(o.get("day"))),
                    JsonValues.string(o.get("lang")), JsonValues.string(o.get("text")));
        } catch (JsonException | IllegalArgumentException e) {
            throw EventException.malformed("reply: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Reply[mailbox " + mailbox + " #" + replySeq + " by " + signer + "]";
    }
}
