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
}
