package nl.klachtenbalie.crypto.event;

import java.time.LocalDate;
import java.util.Optional;
import nl.klachtenbalie.crypto.bundle.Member;
import nl.klachtenbalie.crypto.bundle.MemberStatus;
import nl.klachtenbalie.crypto.bundle.TeamBundlePayload;
import nl.klachtenbalie.crypto.sign.SignatureContext;

/**
 * Verifies opened events against what the caller expects (protocol §7). Every check names its
 * {@link EventException.Kind}; nothing in a payload is returned unless all checks pass.
 *
 * <p>Where the verifying key is named inside the payload (the mailbox key of a first report, the
 * signer of a reply), the payload is parsed before the signature is checked — strictly and within
 * {@link SignedEnvelope#MAX_PAYLOAD_SIZE} — only to find that key; nothing else in it is acted on
 * before the signature verifies.
 */
public final class EventVerifier {

    private EventVerifier() {
    }

    /**
     * A reporter's report or message.
     *
     * @param filedMailbox the mailbox id the server filed the event under
     * @param pin the mailbox's pin from its first report, or {@code null} for that first report
     *     (which is then verified under the key it names, and must be a {@code REPORT}); a message
     *     that announces a hybrid reply recipient is valid only under a classic pin, and the caller
     *     then moves the pin with {@link MailboxPin#after}
     * @throws EventException {@code MALFORMED}, {@code SIGNATURE} (including a signature made for
     *     another context or deployment), {@code WRONG_MAILBOX}, {@code KEY_MISMATCH}
     */
    public static ReporterMessage reporterMessage(SignedEnvelope envelope, String deploymentId, String filedMailbox,
            MailboxPin pin) throws EventException {
        ReporterMessage m;
        if (pin == null) {
            m = ReporterMessage.fromJson(envelope.unverifiedPayload());
            envelope.verify(m.mailboxKey(), SignatureContext.REPORTER_MSG, deploymentId);
            if (m.kind() != ReporterMessage.Kind.REPORT) {
                throw new EventException(EventException.Kind.KEY_MISMATCH, "a follow-up message without a pinned report");
            }
        } else {
            // With a pin the signature is checked before the payload is parsed at all.
            m = ReporterMessage.fromJson(envelope.verify(pin.mailboxKey(), SignatureContext.REPORTER_MSG, deploymentId));
        }
        if (!m.mailbox().equals(filedMailbox)) {
            throw new EventException(EventException.Kind.WRONG_MAILBOX, "names another mailbox than it was filed under");
        }
        if (pin != null && m.announces() && pin.hybrid()) {
            // Replayed, reordered or a second announcement: the pin never moves back or twice.
            throw new EventException(EventException.Kind.KEY_MISMATCH, "announces a hybrid reply recipient, but the"
                    + " mailbox is already pinned to one");
        }
        if (pin != null && (!pin.mailbox().equals(m.mailbox()) || !pin.mailboxKey().equals(m.mailboxKey())
                || !pin.replyRecipient().equals(m.replyRecipient()))) {
            throw new EventException(EventException.Kind.KEY_MISMATCH, "differs from the mailbox's first report");
        }
        return m;
    }

    /**
     * A team reply, as the browser checks it: signed by {@code signer} as listed in
     * {@code trustedBundle} (the newest bundle the caller verified), that member {@code active} or
     * {@code retired} after the reply's day, naming a bundle version not newer than the trusted one,
     * and addressed to {@code ownMailbox}. Whether {@code replySeq} is contiguous is the caller's
     * to judge ("a message may be missing").
     *
     * @throws EventException {@code MALFORMED}, {@code SIGNER}, {@code SIGNATURE}, {@code WRONG_MAILBOX}
     */
    public static Reply reply(SignedEnvelope envelope, String deploymentId, String ownMailbox,
            TeamBundlePayload trustedBundle) throws EventException {
        Reply unverified = Reply.fromJson(envelope.unverifiedPayload());
        Member member = member(trustedBundle, unverified.signer());
        Reply r = Reply.fromJson(envelope.verify(member.signingKey(), SignatureContext.REPLY, deploymentId));
        checkStanding(member, r.day());
        if (r.bundleVersion() > trustedBundle.version()) {
            throw new EventException(EventException.Kind.SIGNER, "names a newer bundle than the trusted one");
        }
        if (!r.mailbox().equals(ownMailbox)) {
            throw new EventException(EventException.Kind.WRONG_MAILBOX, "addressed to another mailbox");
        }
        return r;
    }

    /**
     * A team-internal event: signed by a member listed in {@code trustedBundle} who was allowed to
     * sign on its day.
     *
     * @throws EventException {@code MALFORMED}, {@code SIGNER}, {@code SIGNATURE}
     */
    public static InternalEvent internal(SignedEnvelope envelope, String deploymentId, TeamBundlePayload trustedBundle)
            throws EventException {
        InternalEvent unverified = InternalEvent.fromJson(envelope.unverifiedPayload());
        Member member = member(trustedBundle, unverified.signer());
        InternalEvent e = InternalEvent.fromJson(envelope.verify(member.signingKey(), SignatureContext.INTERNAL,
                deploymentId));
        checkStanding(member, e.day());
        return e;
    }

    private static Member member(TeamBundlePayload bundle, String id) throws EventException {
        Optional<Member> m = bundle.members().stream().filter(x -> x.id().equals(id)).findFirst();
        if (m.isEmpty()) {
            throw new EventException(EventException.Kind.SIGNER, "signer is not in the team bundle");
        }
        return m.get();
    }

    /**
     * Active members may sign; a retired member's signatures count only for days before they
     * retired. A compromised key is never trusted, whatever day it claims: whoever holds it can
     * write any day.
     */
    private static void checkStanding(Member member, LocalDate day) throws EventException {
        boolean ok = member.status() == MemberStatus.ACTIVE
                || (member.status() == MemberStatus.RETIRED && day.isBefore(member.since()));
        if (!ok) {
            throw new EventException(EventException.Kind.SIGNER, "signer was not allowed to sign on that day");
        }
    }
}
