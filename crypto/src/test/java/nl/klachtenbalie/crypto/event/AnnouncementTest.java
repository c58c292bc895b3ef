package nl.klachtenbalie.crypto.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.klachtenbalie.crypto.age.HybridIdentity;
import nl.klachtenbalie.crypto.age.HybridRecipient;
import nl.klachtenbalie.crypto.bundle.BundleFixtures;
import nl.klachtenbalie.crypto.receipt.ReporterKeys;
import nl.klachtenbalie.crypto.sign.SignatureContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The signed announcement of a hybrid reply recipient (protocol §9.2): a returning reporter whose
 * mailbox is pinned to a classic recipient names its hybrid one in a message; the pin moves once,
 * forward only.
 */
class AnnouncementTest {

    private static ReporterKeys r;
    private static ReporterKeys other;
    private static List<HybridRecipient> hybridTeam;
    private static HybridIdentity anna;
    private static MailboxPin classicPin;
    private final EventSealer sealer = new EventSealer(EventFixtures.DEPLOYMENT, new TestRandom("announce"));

    @BeforeAll
    static void keys() {
        r = EventFixtures.reporter("announce");
        other = EventFixtures.reporter("someone else");
        anna = HybridIdentity.fromSeed(BundleFixtures.fixedBytes("hybrid pq0"));
        hybridTeam = BundleFixtures.hybridPayload(4, 2).recipients().stream().map(HybridRecipient::parse).toList();
        classicPin = new MailboxPin(r.mailboxIdHex(), r.signingKey().publicKey(), r.replyRecipient());
    }

    private static ReporterMessage announcement(long seq, String newRecipient) {
        return ReporterMessage.announcement(r.mailboxIdHex(), r.signingKey().publicKey(), r.replyRecipient(),
                newRecipient, seq, EventCases.LAST_SEEN, 5, "nl", "Ik ben er weer.");
    }

    private static SignedEnvelope signed(byte[] payload) {
        return SignedEnvelope.sign(r.signingKey(), SignatureContext.REPORTER_MSG, EventFixtures.DEPLOYMENT, payload);
    }

    private static ReporterMessage verify(SignedEnvelope e, MailboxPin pin) throws EventException {
        return EventVerifier.reporterMessage(e, EventFixtures.DEPLOYMENT, r.mailboxIdHex(), pin);
    }

    private static String header(byte[] file) {
        String s = new String(file, StandardCharsets.ISO_8859_1);
        return s.substring(0, s.indexOf("\n---"));
    }

    @Test
    void aValidAnnouncementMovesTheClassicPinToTheHybridRecipient() throws EventException {
        ReporterMessage m = announcement(3, r.replyHybridRecipient());
        byte[] json = m.toJson();
        assertTrue(new String(json, StandardCharsets.UTF_8).contains(
                "\"replyRecipient\":\"" + r.replyRecipient() + "\",\"newReplyRecipient\":\"age1pq1"));
        assertEquals(m, ReporterMessage.fromJson(json));
        ReporterMessage got = verify(signed(json), classicPin);
        assertTrue(got.announces());
        MailboxPin moved = classicPin.after(got);
        assertEquals(r.replyHybridRecipient(), moved.replyRecipient());
        assertTrue(moved.hybrid());
        assertEquals(classicPin.mailboxKey(), moved.mailboxKey());
        // An ordinary message leaves the pin as it is.
        ReporterMessage plain = ReporterMessage.message(r.mailboxIdHex(), r.signingKey().publicKey(),
                r.replyRecipient(), 3, EventCases.LAST_SEEN, 5, "nl", "x");
        assertSame(classicPin, classicPin.after(plain));
    }

    @Test
    void theAnnouncementIsSealedToTheHybridTeamAndItsOwnNewRecipient() throws EventException {
        byte[] file = sealer.sealReporterMessage(announcement(3, r.replyHybridRecipient()), r.signingKey(),
                hybridTeam);
        assertEquals(3, header(file).split("-> mlkem768x25519 ").length - 1);
        assertFalse(header(file).contains("-> X25519 "));
        // The reporter rereads it with the hybrid reply identity; the team with its own.
        verify(new EventOpener(List.of(r.replyHybridIdentity())).open(file).envelope(), classicPin);
        verify(new EventOpener(List.of(anna)).open(file).envelope(), classicPin);
    }

    @Test
    void afterTheMoveTheAnnouncementCannotBeReplayedNorASecondOneAccepted() throws EventException {
        SignedEnvelope first = signed(announcement(3, r.replyHybridRecipient()).toJson());
        MailboxPin moved = classicPin.after(verify(first, classicPin));
        // Replayed (or reordered after a later message): refused, the pin stays hybrid.
        EventException replay = assertThrows(EventException.class, () -> verify(first, moved));
        assertEquals(EventException.Kind.KEY_MISMATCH, replay.kind());
        // A second announcement, with another hybrid value: refused.
        SignedEnvelope second = signed(announcement(5, other.replyHybridRecipient()).toJson());
        assertEquals(EventException.Kind.KEY_MISMATCH, assertThrows(EventException.class,
                () -> verify(second, moved)).kind());
        // After the move the reporter writes as a hybrid reporter.
        ReporterMessage hybridMessage = ReporterMessage.message(r.mailboxIdHex(), r.signingKey().publicKey(),
                r.replyHybridRecipient(), 4, EventCases.LAST_SEEN, 5, "nl", "Nog iets.");
        assertSame(moved, moved.after(verify(signed(hybridMessage.toJson()), moved)));
        // … which the old classic pin would refuse: the move is what makes it valid.
        assertEquals(EventException.Kind.KEY_MISMATCH, assertThrows(EventException.class,
                () -> verify(signed(hybridMessage.toJson()), classicPin)).kind());
    }

    @Test
    void anAnnouncementSignedByAnotherKeyIsRefused() {
        ReporterMessage forged = ReporterMessage.announcement(r.mailboxIdHex(), other.signingKey().publicKey(),
                r.replyRecipient(), other.replyHybridRecipient(), 3, EventCases.LAST_SEEN, 5, "nl", "x");
        SignedEnvelope e = SignedEnvelope.sign(other.signingKey(), SignatureContext.REPORTER_MSG,
                EventFixtures.DEPLOYMENT, forged.toJson());
        assertEquals(EventException.Kind.SIGNATURE, assertThrows(EventException.class, () -> verify(e, classicPin))
                .kind());
    }

    @Test
    void malformedAnnouncementsAreRefusedWhereverTheyAppear() {
        String msg = new String(announcement(3, r.replyHybridRecipient()).toJson(), StandardCharsets.UTF_8);
        String hybridValue = r.replyHybridRecipient();
        String[] bad = {
            // a classic value
            msg.replace(hybridValue, other.replyRecipient()),
            // a hybrid value that is not canonical (upper case)
            msg.replace(hybridValue, hybridValue.toUpperCase(java.util.Locale.ROOT)),
            // not a recipient at all
            msg.replace(hybridValue, "age1pq1"),
            // next to a hybrid replyRecipient: a hybrid pin has nothing to announce
            msg.replace("\"replyRecipient\":\"" + r.replyRecipient(), "\"replyRecipient\":\"" + hybridValue),
            // not a string
            msg.replace("\"" + hybridValue + "\"", "null"),
        };
        for (String b : bad) {
            EventException e = assertThrows(EventException.class,
                    () -> verify(signed(b.getBytes(StandardCharsets.UTF_8)), classicPin));
            assertEquals(EventException.Kind.MALFORMED, e.kind());
        }
        // In a report: refused by the parser, and by the constructor.
        String report = new String(ReporterMessage.report(r.mailboxIdHex(), r.signingKey().publicKey(),
                r.replyRecipient(), 5, "nl", "x", ReportForm.EMPTY, List.of()).toJson(), StandardCharsets.UTF_8);
        String withField = report.replace("\"seq\":1", "\"newReplyRecipient\":\"" + hybridValue + "\",\"seq\":1");
        assertEquals(EventException.Kind.MALFORMED, assertThrows(EventException.class,
                () -> verify(signed(withField.getBytes(StandardCharsets.UTF_8)), null)).kind());
        assertThrows(IllegalArgumentException.class, () -> new ReporterMessage(ReporterMessage.Kind.REPORT,
                r.mailboxIdHex(), r.signingKey().publicKey(), r.replyRecipient(), 1, "", 5, "nl", "x",
                ReportForm.EMPTY, List.of(), hybridValue));
        assertThrows(IllegalArgumentException.class, () -> announcement(3, other.replyRecipient()));
    }

    @Test
    void aPinDoesNotMoveOnAMessageItDidNotVerify() {
        ReporterMessage foreign = ReporterMessage.announcement(other.mailboxIdHex(), other.signingKey().publicKey(),
                other.replyRecipient(), other.replyHybridRecipient(), 3, EventCases.LAST_SEEN, 5, "nl", "x");
        assertThrows(IllegalArgumentException.class, () -> classicPin.after(foreign));
    }
}
