package nl.klachtenbalie.keys.desk.cases;

/**
 * One message in a case's conversation: the report, a follow-up from the reporter, or a team
 * reply. Only verified items exist: an event that failed a check becomes a {@link Warning}.
 *
 * @param from {@code reporter} or {@code team}
 * @param seq the server's sequence number, 0 for a reply the server has not confirmed yet
 * @param signer for team replies, the member id whose key verified
 * @param delivered for replies: seen back in an export
 */
public record ConversationItem(String eventId, String from, long seq, long replySeq, String day, String lang,
                               String text, String signer, boolean delivered, long order) {

    public boolean fromReporter() {
        return "reporter".equals(from);
    }

    ConversationItem withDelivery(long serverSeq) {
        return new ConversationItem(eventId, from, serverSeq, replySeq, day, lang, text, signer, true, order);
    }
}
