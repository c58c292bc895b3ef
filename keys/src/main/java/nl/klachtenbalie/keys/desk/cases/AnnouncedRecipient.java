package nl.klachtenbalie.keys.desk.cases;

import java.util.Optional;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.crypto.bundle.MemberStatus;
import nl.klachtenbalie.keys.desk.events.ReporterPayload;
import nl.klachtenbalie.keys.desk.team.TeamDirectory;

/**
 * The desk's side of the hybrid reply-recipient announcement (protocol §9.2): a reporter whose case
 * is pinned to a classic {@code age1…} recipient names its hybrid {@code age1pq1…} one in a message
 * signed by the pinned mailbox key. {@link CaseBook} has already checked that message like any other
 * (signature, mailbox, key and {@code replyRecipient} equal to the pin, sequence number), and the
 * codec that a message only, with a hybrid value next to a classic {@code replyRecipient}, carries
 * it. What is left is the state rule: the pin moves once, classic to hybrid, and only by a message
 * that names (its {@code bundleVersion}) a hybrid team bundle this desk knows — what an honest
 * browser does, and what lets every later reply be all-hybrid: the hybrid bundle's recipients and
 * the new one, never mixed. The rule depends only on the event and on bundles, which are never
 * removed, so when the case book replays stored events in arrival order on every start the same
 * announcement is accepted or refused again, identically.
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
        if (!hybridBundle(team, p.bundleVersion())) {
            return Optional.of("warn.recipient.announce.team");
        }
        return Optional.empty();
    }

    /** True if bundle {@code version} is known and hybrid: its members active now are listed there with hybrid recipients. */
    private static boolean hybridBundle(TeamDirectory team, long version) {
        return team.memberIds().stream().map(id -> team.member(version, id)).flatMap(Optional::stream)
                .anyMatch(m -> m.status() == MemberStatus.ACTIVE && Recipient.isHybrid(m.recipient()));
    }

    /** Moves the pin of an accepted message's announcement; call only after {@link #refusal} was empty. */
    static void apply(Case c, ReporterPayload p) {
        if (p.newReplyRecipient() != null) {
            c.repin(p.newReplyRecipient());
        }
    }
}
