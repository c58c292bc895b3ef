package nl.klachtenbalie.keys.desk.events;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.crypto.event.EventException;
import nl.klachtenbalie.crypto.event.EventOpener;
import nl.klachtenbalie.crypto.event.EventSealer;
import nl.klachtenbalie.crypto.event.FormCode;
import nl.klachtenbalie.crypto.event.InternalEvent;
import nl.klachtenbalie.crypto.event.MailboxPin;
import nl.klachtenbalie.crypto.event.OpenedEvent;
import nl.klachtenbalie.crypto.event.ReportForm;
import nl.klachtenbalie.crypto.event.ReporterMessage;
import nl.klachtenbalie.crypto.event.Reply;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;

/**
 * {@link EventCodec} on the crypto module's event package ({@link EventSealer}, {@link EventOpener},
 * the strict payload parsers). This class only translates between the crypto types and the desk's
 * own view types, and maps {@link EventException} kinds to {@link EventRejected} kinds.
 */
public final class CryptoEventCodec implements EventCodec {

    private final String deploymentId;
    private final EventSealer sealer;

    public CryptoEventCodec(String deploymentId, SecureRandom random) {
        this.deploymentId = deploymentId;
        this.sealer = new EventSealer(deploymentId, random);
    }

    @Override
    public ReporterPayload openReporter(byte[] blob, List<? extends Identity> identities) throws EventRejected {
        try {
            OpenedEvent opened = new EventOpener(identities).open(blob);
            ReporterMessage claimed = ReporterMessage.fromJson(opened.envelope().unverifiedPayload());
            // Verified under the key it names; the case book then compares that key with the pin.
            ReporterMessage m = ReporterMessage.fromJson(
                    opened.envelope().verify(claimed.mailboxKey(), SignatureContext.REPORTER_MSG, deploymentId));
            Map<String, String> form = m.form() == null ? Map.of() : formMap(m.form());
            List<AttachmentRef> atts = m.attachments().stream()
                    .map(a -> new AttachmentRef(a.seq(), a.sha256(), a.type().mediaType(), a.bytes())).toList();
            return new ReporterPayload(m.kind().json(), m.mailbox(), m.mailboxKey().hex(), m.replyRecipient(), m.seq(),
                    m.lastSeen(), m.bundleVersion(), m.lang(), m.text(), form, atts, m.newReplyRecipient());
        } catch (EventException e) {
            throw rejected(e);
        }
    }

    @Override
    public byte[] openAttachment(byte[] blob, List<? extends Identity> identities, AttachmentRef listed)
            throws EventRejected {
        try {
            nl.klachtenbalie.crypto.event.AttachmentRef ref = new nl.klachtenbalie.crypto.event.AttachmentRef(
                    listed.seq(), listed.sha256(), "image/png".equals(listed.type())
                    ? nl.klachtenbalie.crypto.event.AttachmentRef.ImageType.PNG
                    : nl.klachtenbalie.crypto.event.AttachmentRef.ImageType.JPEG, listed.bytes());
            return new EventOpener(identities).openAttachment(blob, ref);
        } catch (EventException e) {
            throw rejected(e);
        }
    }

    @Override
    public Signed<ReplyPayload> openReply(byte[] blob, List<? extends Identity> identities) throws EventRejected {
        try {
            OpenedEvent opened = new EventOpener(identities).open(blob);
            byte[] payload = opened.envelope().unverifiedPayload();
            Reply r = Reply.fromJson(payload);
            return new Signed<>(new ReplyPayload(r.mailbox(), r.replySeq(), r.lastReporterEvent(), r.bundleVersion(),
                    r.signer(), r.day(), r.lang(), r.text()), payload, opened.envelope().signature());
        } catch (EventException e) {
            throw rejected(e);
        }
    }

    @Override
    public Signed<InternalPayload> openInternal(byte[] blob, List<? extends Identity> identities) throws EventRejected {
        try {
            OpenedEvent opened = new EventOpener(identities).open(blob);
            byte[] payload = opened.envelope().unverifiedPayload();
            InternalEvent e = InternalEvent.fromJson(payload);
            return new Signed<>(new InternalPayload(e.signer(), e.day(), e.mailbox(), e.type().json(), e.value()),
                    payload, opened.envelope().signature());
        } catch (EventException e) {
            throw rejected(e);
        }
    }

    @Override
    public byte[] sealReply(ReplyPayload r, Ed25519PrivateKey signingKey, String mailboxKey, String replyRecipient,
                            List<? extends Recipient> team) {
        Reply reply = new Reply(r.mailbox(), r.replySeq(), r.lastReporterEvent(), r.bundleVersion(), r.signer(), r.day(),
                r.lang(), r.text());
        MailboxPin pin = new MailboxPin(r.mailbox(), Ed25519PublicKey.fromHex(mailboxKey), replyRecipient);
        return sealer.sealReply(reply, signingKey, pin, team);
    }

    @Override
    public byte[] sealInternal(InternalPayload e, Ed25519PrivateKey signingKey, List<? extends Recipient> team) {
        InternalEvent.Type type = switch (e.type()) {
            case InternalPayload.STATE -> InternalEvent.Type.STATE;
            case InternalPayload.NOTE -> InternalEvent.Type.NOTE;
            case InternalPayload.ASSIGN -> InternalEvent.Type.ASSIGN;
            case InternalPayload.LABEL -> InternalEvent.Type.LABEL;
            default -> throw new IllegalArgumentException("internal event type");
        };
        return sealer.sealInternal(new InternalEvent(e.signer(), e.day(), e.mailbox(), type, e.value()), signingKey, team);
    }

    private static Map<String, String> formMap(ReportForm f) {
        Map<String, String> m = new LinkedHashMap<>();
        code(m, "kind", f.kind());
        code(m, "about", f.about());
        code(m, "topic", f.topic());
        if (f.place() != null) {
            m.put("place", f.place());
        }
        if (f.month() != null) {
            m.put("month", f.month().toString());
        }
        code(m, "wants", f.wants());
        code(m, "consent", f.consent());
        code(m, "reporter", f.reporter());
        if (f.replyLang() != null) {
            m.put("replyLang", f.replyLang());
        }
        code(m, "caseworkerGender", f.caseworkerGender());
        return m;
    }

    private static void code(Map<String, String> m, String key, FormCode c) {
        if (c != null) {
            m.put(key, c.code());
        }
    }

    private static EventRejected rejected(EventException e) {
        EventRejected.Kind kind = switch (e.kind()) {
            case DECRYPT -> EventRejected.Kind.DECRYPT;
            case SIGNATURE, SIGNER -> EventRejected.Kind.SIGNATURE;
            default -> EventRejected.Kind.MALFORMED;
        };
        // The crypto module's messages name the failing rule, never event content.
        return new EventRejected(kind, e.getMessage());
    }
}
