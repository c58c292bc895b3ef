package nl.klachtenbalie.keys.desk.cases;

import java.util.Optional;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.keys.desk.events.ReporterPayload;
import nl.klachtenbalie.keys.desk.team.TeamDirectory;

/**
 * The desk's side of the hybrid reply-recipient announcement (protocol §9.2): a reporter whose case
 * is pinned to a classic {@code age1…} recipient names its hybrid {@code age1pq1…} one in a message
 * signed by the pinned mailbox key. {@link CaseBook} has already checked that message like any other
 * (signature, mailbox, key and {@code replyRecipient} equal to the pin, sequence number), and the
 * codec that a message only, with a hybrid value next to a classic {@code replyRecipient}, carries
 * it. What is left is the state rule: the pin moves once, classic to hybrid, and only while the
 * team itself is hybrid (so every later reply can be all-hybrid: the hybrid bundle's recipients and
 * the new one — never mixed). Because the case book replays stored events in arrival order on every
 * start, the move happens again, identically, at the same event.
 */
final class AnnouncedRecipient {

    private AnnouncedRecipient() {
    }

    /** Why the announcement in {@code p} is refused (a message-catalog key), or empty if it is fine or absent. */
    static Optional<String> refusal(Case c, ReporterPayload p, TeamDirectory team) {
        if (p.newReplyRecipient() == null) {
            return Optional.empty();
        }
        if (Recipient.isHybrid(c.replyRecipient())) {
            // Unreachable through the codec (an announcement names the classic pin), kept as the rule itself.
            return Optional.of("warn.recipient.announce.pinned");
        }
        if (!team.current().payload().hybrid()) {
            return Optional.of("warn.recipient.announce.team");
        }
        return Optional.empty();
    }

    /** Moves the pin of an accepted message's announcement; call only after {@link #refusal} was empty. */
    static void apply(Case c, ReporterPayload p) {
        if (p.newReplyRecipient() != null) {
            c.repin(p.newReplyRecipient());
        }
    }
}
