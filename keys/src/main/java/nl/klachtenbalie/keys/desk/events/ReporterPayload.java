package nl.klachtenbalie.keys.desk.events;

import java.util.List;
import java.util.Map;

/**
 * The signed content of a report or reporter message (protocol §7.1). Valid by construction of
 * the codec that parsed it: every field had its type, size and code list checked. The text is
 * hostile input — render it only as text.
 *
 * @param kind {@code report} or {@code message}
 * @param form the report form answers (§7.4), empty for messages
 * @param attachments the listed photos, empty for messages
 * @param newReplyRecipient the hybrid reply recipient a classic-pinned reporter announces (§9.2),
 *     or {@code null}; the codec has checked that only a message carries it, that it is a canonical
 *     {@code age1pq1…} recipient and that {@code replyRecipient} is classic
 */
public record ReporterPayload(String kind, String mailbox, String mailboxKey, String replyRecipient, long seq,
                              String lastSeen, long bundleVersion, String lang, String text,
                              Map<String, String> form, List<AttachmentRef> attachments, String newReplyRecipient) {

    public static final String KIND_REPORT = "report";
    public static final String KIND_MESSAGE = "message";

    public ReporterPayload {
        form = Map.copyOf(form);
        attachments = List.copyOf(attachments);
    }

    public boolean isReport() {
        return KIND_REPORT.equals(kind);
    }
}
