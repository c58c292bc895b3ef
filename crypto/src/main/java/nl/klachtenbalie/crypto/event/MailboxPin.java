package nl.klachtenbalie.crypto.event;

import java.util.Objects;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;

/**
 * What the desk pins from a mailbox's first verified report (protocol §7.1): later events of the
 * mailbox must be signed by the same key and name the same reply recipient, or a hostile server
 * could splice a report into another mailbox or swap the recipient replies are encrypted to.
 */
public record MailboxPin(String mailbox, Ed25519PublicKey mailboxKey, String replyRecipient) {

    public MailboxPin {
        Fields.mailbox("mailbox", mailbox);
        Objects.requireNonNull(mailboxKey, "mailboxKey");
        Fields.recipient("replyRecipient", replyRecipient);
    }

    /** The pin of a verified report. */
    public static MailboxPin of(ReporterMessage report) {
        return new MailboxPin(report.mailbox(), report.mailboxKey(), report.replyRecipient());
    }

    /** True if replies to this mailbox go to a hybrid ({@code age1pq1…}) recipient. */
    public boolean hybrid() {
        return Fields.isHybridRecipient(replyRecipient);
    }

    /**
     * The pin after {@code message}, which {@link EventVerifier#reporterMessage} accepted under this
     * pin: moved to the announced hybrid recipient if the message carries one (§9.2), else
     * unchanged. A move is one-way: the verifier refuses any announcement under a hybrid pin, and
     * an announcement names the classic recipient it replaces, so replaying it later no longer
     * matches.
     *
     * @throws IllegalArgumentException if {@code message} does not match this pin (not verified under it)
     */
    public MailboxPin after(ReporterMessage message) {
        if (!message.mailbox().equals(mailbox) || !message.mailboxKey().equals(mailboxKey)
                || !message.replyRecipient().equals(replyRecipient)) {
            throw new IllegalArgumentException("the message was not verified under this pin");
        }
        return message.announces() ? new MailboxPin(mailbox, mailboxKey, message.newReplyRecipient()) : this;
    }
}
