package nl.klachtenbalie.keys.desk;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import nl.klachtenbalie.crypto.age.HybridRecipient;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.crypto.age.X25519Identity;
import nl.klachtenbalie.crypto.age.X25519Recipient;
import nl.klachtenbalie.crypto.bundle.BundleFixtures;
import nl.klachtenbalie.crypto.event.AttachmentRef;
import nl.klachtenbalie.crypto.event.EventHash;
import nl.klachtenbalie.crypto.event.EventSealer;
import nl.klachtenbalie.crypto.event.ReportForm;
import nl.klachtenbalie.crypto.event.ReporterMessage;
import nl.klachtenbalie.crypto.pad.PaddingException;
import nl.klachtenbalie.crypto.receipt.ReceiptCode;
import nl.klachtenbalie.crypto.receipt.ReporterKeys;

/**
 * A reporter as the browser is one: keys derived from a fresh receipt code, events sealed with
 * the crypto module's own {@link EventSealer} to the team bundle's recipients (and, for text, the
 * reporter's own recipient), attachments listed in the report by the hash of their age file.
 */
public final class SimulatedReporter {

    private static final SecureRandom RANDOM = new SecureRandom();

    public final ReceiptCode code;
    public final ReporterKeys keys;
    private final EventSealer sealer = new EventSealer(BundleFixtures.DEPLOYMENT, RANDOM);
    private long seq;
    private String lastSeen = "";

    public SimulatedReporter() {
        this(ReceiptCode.generate(RANDOM));
    }

    private SimulatedReporter(ReceiptCode code) {
        this.code = code;
        this.keys = ReporterKeys.derive(code, BundleFixtures.DEPLOYMENT, BundleFixtures.salt());
    }

    /** The same reporter coming back later: only the receipt code is remembered, every key is derived again. */
    public record Again(ReceiptCode code) {
        public SimulatedReporter reporter() {
            return new SimulatedReporter(code);
        }
    }

    public String mailbox() {
        return keys.mailboxIdHex();
    }

    public String publicKey() {
        return keys.signingKey().publicKey().hex();
    }

    /** The identity the reporter reads replies with, derived again from the receipt code. */
    public X25519Identity replyIdentity() {
        return X25519Identity.fromSecretScalar(keys.replyIdentitySecret());
    }

    /** A sealed event with the server-side facts an export record needs. */
    public record Sealed(String kind, long seq, byte[] blob) {
    }

    /** The report (seq 1) followed by its attachments (seq 2, 3, …). */
    public List<Sealed> report(String text, ReportForm form, List<byte[]> images, List<AttachmentRef.ImageType> types)
            throws PaddingException {
        List<X25519Recipient> team = TeamFixture.teamRecipients();
        List<Sealed> out = new ArrayList<>();
        List<AttachmentRef> refs = new ArrayList<>();
        List<byte[]> attachmentBlobs = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            byte[] blob = sealer.sealAttachment(images.get(i), team);
            attachmentBlobs.add(blob);
            refs.add(new AttachmentRef(2 + i, EventHash.of(blob), types.get(i), images.get(i).length));
        }
        ReporterMessage report = ReporterMessage.report(mailbox(), keys.signingKey().publicKey(), keys.replyRecipient(),
                1, "pl", text, form, refs);
        byte[] reportBlob = sealer.sealReporterMessage(report, keys.signingKey(), team);
        out.add(new Sealed("report", 1, reportBlob));
        for (int i = 0; i < attachmentBlobs.size(); i++) {
            out.add(new Sealed("attachment", 2 + i, attachmentBlobs.get(i)));
        }
        seq = 1 + images.size();
        lastSeen = EventHash.of(reportBlob);
        return out;
    }

    public Sealed report(String text) throws PaddingException {
        return report(text, ReportForm.EMPTY, List.of(), List.of()).get(0);
    }

    /** A follow-up message with the next sequence number. */
    public Sealed message(String text) {
        seq++;
        ReporterMessage m = ReporterMessage.message(mailbox(), keys.signingKey().publicKey(), keys.replyRecipient(),
                seq, lastSeen, 1, "pl", text);
        byte[] blob = sealer.sealReporterMessage(m, keys.signingKey(), TeamFixture.teamRecipients());
        lastSeen = EventHash.of(blob);
        return new Sealed("message", seq, blob);
    }

    /**
     * The report (seq 1, no photos) to a given team, e.g. one made by the real key ceremony, with
     * the reply recipient a browser would pin: hybrid if {@code team} is hybrid, else classic.
     */
    public Sealed reportTo(String text, List<? extends Recipient> team, long bundleVersion) {
        boolean hybrid = team.get(0) instanceof HybridRecipient;
        ReporterMessage report = ReporterMessage.report(mailbox(), keys.signingKey().publicKey(),
                hybrid ? keys.replyHybridRecipient() : keys.replyRecipient(), bundleVersion, "pl", text,
                ReportForm.EMPTY, List.of());
        byte[] blob = sealer.sealReporterMessage(report, keys.signingKey(), team);
        seq = 1;
        lastSeen = EventHash.of(blob);
        return new Sealed("report", 1, blob);
    }

    /** A follow-up naming {@code replyRecipient} (the pinned one, for an honest reporter) at the next seq. */
    public Sealed messageTo(String text, List<? extends Recipient> team, long bundleVersion, String replyRecipient) {
        return next(ReporterMessage.message(mailbox(), keys.signingKey().publicKey(), replyRecipient, seq + 1,
                lastSeen, bundleVersion, "pl", text), team);
    }

    /**
     * The announcement (protocol §9.2) a classic-pinned reporter sends on its first message after
     * the flag day: the classic pin in {@code replyRecipient}, {@code announced} (normally its own
     * hybrid recipient) in {@code newReplyRecipient}, encrypted to the hybrid team and that recipient.
     */
    public Sealed announce(String text, List<? extends Recipient> team, long bundleVersion, String announced) {
        return next(ReporterMessage.announcement(mailbox(), keys.signingKey().publicKey(), keys.replyRecipient(),
                announced, seq + 1, lastSeen, bundleVersion, "pl", text), team);
    }

    /** Skips sequence numbers the server gave to other events (replies) in between. */
    public void seen(long serverSeq, byte[] blob) {
        seq = serverSeq;
        lastSeen = EventHash.of(blob);
    }

    private Sealed next(ReporterMessage m, List<? extends Recipient> team) {
        byte[] blob = sealer.sealReporterMessage(m, keys.signingKey(), team);
        seq = m.seq();
        lastSeen = EventHash.of(blob);
        return new Sealed("message", m.seq(), blob);
    }

    static String randomEventId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
