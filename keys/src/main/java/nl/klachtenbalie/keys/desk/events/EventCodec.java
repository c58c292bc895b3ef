package nl.klachtenbalie.keys.desk.events;

import java.util.List;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;

/**
 * The event formats of protocol §7 as the desk needs them: open (decrypt → unpad → parse) what
 * reporters and other desks wrote, and seal (sign → pad → encrypt) what this desk writes. The
 * desk's services depend on this interface only, so the wire format lives in one place (the
 * crypto module's {@code event} package, behind {@link CryptoEventCodec}).
 *
 * <p>Every {@code open…} works on the stored age file bytes and never returns partial content:
 * either a fully parsed payload or an {@link EventRejected} naming the step.
 */
public interface EventCodec {

    /** Texts (reports, replies, notes) are capped at this many code points by §7. */
    int MAX_TEXT = 20_000;

    /**
     * Opens a report or reporter message and checks its signature under the {@code mailboxKey}
     * it names. Whether that key is the one pinned for the mailbox is the caller's check.
     */
    ReporterPayload openReporter(byte[] blob, List<? extends Identity> identities) throws EventRejected;

    /**
     * Opens an attachment that a verified report lists: its file hash and size must be the
     * listed ones. Returns the image bytes — still hostile, to be re-encoded before display.
     */
    byte[] openAttachment(byte[] blob, List<? extends Identity> identities, AttachmentRef listed) throws EventRejected;

    /** Opens a team reply; the caller checks the signature with the signer's key from a bundle. */
    Signed<ReplyPayload> openReply(byte[] blob, List<? extends Identity> identities) throws EventRejected;

    /** Opens a team-internal event; the caller checks the signature as for replies. */
    Signed<InternalPayload> openInternal(byte[] blob, List<? extends Identity> identities) throws EventRejected;

    /**
     * Signs, pads and encrypts a reply to the reporter's pinned recipient and the team's.
     *
     * @param mailboxKey the pinned mailbox key (hex); the reply recipient is {@code replyRecipient}
     */
    byte[] sealReply(ReplyPayload reply, Ed25519PrivateKey signingKey, String mailboxKey, String replyRecipient,
                     List<? extends Recipient> team);

    /** Signs, pads and encrypts an internal event to the team recipients only. */
    byte[] sealInternal(InternalPayload event, Ed25519PrivateKey signingKey, List<? extends Recipient> team);
}
