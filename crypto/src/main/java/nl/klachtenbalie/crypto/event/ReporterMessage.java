package nl.klachtenbalie.crypto.event;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import nl.klachtenbalie.crypto.json.JsonException;
import nl.klachtenbalie.crypto.json.JsonParser;
import nl.klachtenbalie.crypto.json.JsonValues;
import nl.klachtenbalie.crypto.json.JsonWriter;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;

/**
 * A report or follow-up message from a reporter (protocol §7.1), signed by the mailbox key in the
 * {@code reporter-msg} context. Valid by construction: the constructor enforces every rule the
 * parser does, so Java can never write a payload the browser or the desk would refuse.
 *
 * <p>Binding to the conversation: {@code mailbox}, {@code mailboxKey} and {@code replyRecipient}
 * let the desk pin the mailbox from the first report and refuse a server that splices an event
 * into another mailbox or swaps the reply recipient; {@code seq} and {@code lastSeen} (the
 * {@link EventHash} of the last event the reporter saw) order the conversation.
 *
 * <p>Rules: a {@code REPORT} has {@code seq} 1, an empty {@code lastSeen}, a form (possibly
 * {@link ReportForm#EMPTY}) and 0–{@value #MAX_ATTACHMENTS} attachments numbered {@code 2, 3, …}
 * with distinct hashes; a {@code MESSAGE} has {@code seq ≥ 2}, a {@code lastSeen} hash, no form
 * and no attachments. {@code text} is 1–20 000 code points of NFC text.
 *
 * <p>The announcement (protocol §9.2): a {@code MESSAGE} of a mailbox pinned to a classic
 * {@code age1…} reply recipient may carry {@code newReplyRecipient}, the reporter's hybrid
 * {@code age1pq1…} recipient; signed by the pinned mailbox key, it moves the pin to that recipient
 * ({@link MailboxPin#after}). It is refused in a report, with a classic value, or next to a hybrid
 * {@code replyRecipient} (a mailbox already pinned to a hybrid recipient has nothing to announce).
 *
 * @param form the form answers; {@code null} for a {@code MESSAGE}
 * @param attachments empty for a {@code MESSAGE}
 * @param newReplyRecipient the announced hybrid reply recipient, or {@code null} (almost always)
 */
public record ReporterMessage(Kind kind, String mailbox, Ed25519PublicKey mailboxKey, String replyRecipient,
                              long seq, String lastSeen, long bundleVersion, String lang, String text,
                              ReportForm form, List<AttachmentRef> attachments, String newReplyRecipient) {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "klachtenbalie-reporter-msg/v1";

    /** Attachments one report may list. */
    public static final int MAX_ATTACHMENTS = 10;

    private static final Set<String> REQUIRED = Set.of("format", "kind", "mailbox", "mailboxKey", "replyRecipient",
            "seq", "lastSeen", "bundleVersion", "lang", "text");
    private static final Set<String> REPORT_ONLY = Set.of("form", "attachments");
    private static final Set<String> MESSAGE_ONLY = Set.of("newReplyRecipient");

    /** The first event of a mailbox, or a later message. */
    public enum Kind {
        REPORT("report"), MESSAGE("message");

        private final String json;

        Kind(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    public ReporterMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mailboxKey, "mailboxKey");
        Fields.mailbox("mailbox", mailbox);
        Fields.recipient("replyRecipient", replyRecipient);
        Fields.positive("seq", seq);
        Fields.positive("bundleVersion", bundleVersion);
        Fields.lang("lang", lang);
        Fields.text("text", text, Fields.MAX_TEXT, true, false);
        attachments = List.copyOf(attachments == null ? List.of() : attachments);
        if (kind == Kind.REPORT) {
            if (seq != 1 || !"".equals(lastSeen)) {
                throw new IllegalArgumentException("a report has seq 1 and an empty lastSeen");
            }
            if (form == null) {
                throw new IllegalArgumentException("a report carries the form");
            }
            if (attachments.size() > MAX_ATTACHMENTS) {
                throw new IllegalArgumentException("too many attachments");
            }
            Set<String> hashes = new HashSet<>();
            for (int i = 0; i < attachments.size(); i++) {
                AttachmentRef a = attachments.get(i);
                // Attachments are appended right after their report, in order, so their sequence
                // numbers are known when the report is signed.
                if (a.seq() != seq + 1 + i || !hashes.add(a.sha256())) {
                    throw new IllegalArgumentException("attachments must follow the report in order, each once");
                }
            }
        } else {
            if (seq < 2) {
                throw new IllegalArgumentException("a message has seq 2 or more");
            }
            Fields.hash("lastSeen", lastSeen);
            if (form != null || !attachments.isEmpty()) {
                throw new IllegalArgumentException("only a report carries a form and attachments");
            }
        }
        if (newReplyRecipient != null) {
            if (kind != Kind.MESSAGE) {
                throw new IllegalArgumentException("only a message announces a newReplyRecipient");
            }
            Fields.recipient("newReplyRecipient", newReplyRecipient);
            if (!Fields.isHybridRecipient(newReplyRecipient)) {
                throw new IllegalArgumentException("newReplyRecipient must be an age1pq1… hybrid recipient");
            }
            if (Fields.isHybridRecipient(replyRecipient)) {
                throw new IllegalArgumentException("only a mailbox pinned to a classic reply recipient announces a"
                        + " newReplyRecipient");
            }
        }
    }

    /** Without an announcement (every report and almost every message). */
    public ReporterMessage(Kind kind, String mailbox, Ed25519PublicKey mailboxKey, String replyRecipient, long seq,
            String lastSeen, long bundleVersion, String lang, String text, ReportForm form,
            List<AttachmentRef> attachments) {
        this(kind, mailbox, mailboxKey, replyRecipient, seq, lastSeen, bundleVersion, lang, text, form, attachments,
                null);
    }

    /** A report (sequence 1). */
    public static ReporterMessage report(String mailbox, Ed25519PublicKey mailboxKey, String replyRecipient,
            long bundleVersion, String lang, String text, ReportForm form, List<AttachmentRef> attachments) {
        return new ReporterMessage(Kind.REPORT, mailbox, mailboxKey, replyRecipient, 1, "", bundleVersion, lang,
                text, form, attachments);
    }

    /** A follow-up message. */
    public static ReporterMessage message(String mailbox, Ed25519PublicKey mailboxKey, String replyRecipient,
            long seq, String lastSeen, long bundleVersion, String lang, String text) {
        return new ReporterMessage(Kind.MESSAGE, mailbox, mailboxKey, replyRecipient, seq, lastSeen, bundleVersion,
                lang, text, null, List.of());
    }

    /**
     * A follow-up message that announces the reporter's hybrid reply recipient (§9.2):
     * {@code replyRecipient} is the classic one the mailbox is pinned to, {@code newReplyRecipient}
     * the hybrid one derived from the same receipt code.
     */
    public static ReporterMessage announcement(String mailbox, Ed25519PublicKey mailboxKey, String pinnedClassic,
            String newHybrid, long seq, String lastSeen, long bundleVersion, String lang, String text) {
        return new ReporterMessage(Kind.MESSAGE, mailbox, mailboxKey, pinnedClassic, seq, lastSeen, bundleVersion,
                lang, text, null, List.of(), newHybrid);
    }

    /** True if this message announces a hybrid reply recipient. */
    public boolean announces() {
        return newReplyRecipient != null;
    }

    /** The recipient the reporter rereads this message with: the announced one, if any. */
    public String ownRecipient() {
        return newReplyRecipient != null ? newReplyRecipient : replyRecipient;
    }

    /** The payload bytes: fields in the order of the protocol table, no white space. */
    public byte[] toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("format", FORMAT);
        o.put("kind", kind.json());
        o.put("mailbox", mailbox);
        o.put("mailboxKey", mailboxKey.hex());
        o.put("replyRecipient", replyRecipient);
        if (newReplyRecipient != null) {
            o.put("newReplyRecipient", newReplyRecipient);
        }
        o.put("seq", seq);
        o.put("lastSeen", lastSeen);
        o.put("bundleVersion", bundleVersion);
        o.put("lang", lang);
        o.put("text", text);
        if (kind == Kind.REPORT) {
            o.put("form", form.toJson());
            List<Object> list = new ArrayList<>();
            for (AttachmentRef a : attachments) {
                list.add(a.toJson());
            }
            o.put("attachments", list);
        }
        return JsonWriter.write(o);
    }

    /**
     * Parses payload bytes strictly: at most {@link SignedEnvelope#MAX_PAYLOAD_SIZE} bytes, every
     * rule above, no unknown fields.
     *
     * @throws EventException of kind {@code MALFORMED}
     */
    public static ReporterMessage fromJson(byte[] json) throws EventException {
        try {
            Map<String, Object> o = JsonValues.anyObject(SignedEnvelope.parseJson(json));
            String kindString = JsonValues.string(o.get("kind"));
            Kind kind = kindString.equals("report") ? Kind.REPORT : kindString.equals("message") ? Kind.MESSAGE : null;
            if (kind == null) {
                throw new IllegalArgumentException("kind must be report or message");
            }
            JsonValues.object(o, REQUIRED, kind == Kind.REPORT ? REPORT_ONLY : MESSAGE_ONLY);
            if (kind == Kind.REPORT && !o.keySet().containsAll(REPORT_ONLY)) {
                throw new IllegalArgumentException("a report carries form and attachments");
            }
            if (!FORMAT.equals(JsonValues.string(o.get("format")))) {
                throw new IllegalArgumentException("unknown format");
            }
            ReportForm form = null;
            List<AttachmentRef> attachments = new ArrayList<>();
            if (kind == Kind.REPORT) {
                form = ReportForm.fromJson(o.get("form"));
                List<Object> raw = JsonValues.array(o.get("attachments"));
                if (raw.size() > MAX_ATTACHMENTS) {
                    throw new IllegalArgumentException("too many attachments");
                }
                for (Object a : raw) {
                    attachments.add(AttachmentRef.fromJson(a));
                }
            }
            return new ReporterMessage(kind, JsonValues.string(o.get("mailbox")),
                    Ed25519PublicKey.fromHex(JsonValues.string(o.get("mailboxKey"))),
                    JsonValues.string(o.get("replyRecipient")),
                    JsonValues.integer(o.get("seq"), 1, JsonParser.MAX_SAFE_INTEGER),
                    JsonValues.string(o.get("lastSeen")),
                    JsonValues.integer(o.get("bundleVersion"), 1, JsonParser.MAX_SAFE_INTEGER),
                    JsonValues.string(o.get("lang")), JsonValues.string(o.get("text")), form, attachments,
                    o.containsKey("newReplyRecipient") ? JsonValues.string(o.get("newReplyRecipient")) : null);
        } catch (JsonException | IllegalArgumentException e) {
            throw EventException.malformed("reporter message: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        // Never the text: toString ends up in logs and exception messages.
        return "ReporterMessage[" + kind.json() + " mailbox " + mailbox + " seq " + seq
                + (newReplyRecipient != null ? " announcing a hybrid reply recipient" : "") + "]";
    }
}
