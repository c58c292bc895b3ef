package nl.klachtenbalie.crypto.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.klachtenbalie.crypto.age.HybridIdentity;
import nl.klachtenbalie.crypto.age.HybridRecipient;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.crypto.age.X25519Identity;
import nl.klachtenbalie.crypto.bundle.BundleFixtures;
import nl.klachtenbalie.crypto.receipt.ReporterKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Events after the post-quantum flag day (§9.2): hybrid reply recipients, never a mixed file. */
class HybridEventTest {

    private static ReporterKeys r;
    private static List<HybridRecipient> hybridTeam;
    private static HybridIdentity anna;
    private final EventSealer sealer = new EventSealer(EventFixtures.DEPLOYMENT, new TestRandom("hybrid"));

    @BeforeAll
    static void keys() {
        r = EventFixtures.reporter("hybrid");
        anna = HybridIdentity.fromSeed(BundleFixtures.fixedBytes("hybrid pq0"));
        hybridTeam = BundleFixtures.hybridPayload(4, 2).recipients().stream().map(HybridRecipient::parse).toList();
    }

    private static String header(byte[] file) {
        String s = new String(file, StandardCharsets.ISO_8859_1);
        return s.substring(0, s.indexOf("\n---"));
    }

    @Test
    void aHybridReporterPinsItsHybridRecipientAndEveryFileIsHybridOnly() throws EventException {
        ReporterMessage report = ReporterMessage.report(r.mailboxIdHex(), r.signingKey().publicKey(),
                r.replyHybridRecipient(), 4, "nl", "Mijn verhaal.", ReportForm.EMPTY, List.of());
        byte[] file = sealer.sealReporterMessage(report, r.signingKey(), hybridTeam);
        assertEquals(3, header(file).split("-> mlkem768x25519 ").length - 1);
        assertFalse(header(file).contains("-> X25519 "));
        for (Identity id : List.<Identity>of(anna, r.replyHybridIdentity())) {
            ReporterMessage got = EventVerifier.reporterMessage(new EventOpener(List.of(id)).open(file).envelope(),
                    EventFixtures.DEPLOYMENT, r.mailboxIdHex(), null);
            assertEquals(report, got);
        }
        MailboxPin pin = MailboxPin.of(report);
        assertEquals(r.replyHybridRecipient(), pin.replyRecipient());
        Reply reply = EventCases.reply(r, "anna", EventFixtures.DAY);
        byte[] replyFile = sealer.sealReply(reply, EventFixtures.memberKey("anna"), pin, hybridTeam);
        assertFalse(header(replyFile).contains("-> X25519 "));
        new EventOpener(List.of(r.replyHybridIdentity())).open(replyFile);
        new EventOpener(List.of(anna)).open(replyFile);
    }

    @Test
    void aReplyNeverMixesKinds() {
        MailboxPin classicPin = new MailboxPin(r.mailboxIdHex(), r.signingKey().publicKey(), r.replyRecipient());
        Reply reply = EventCases.reply(r, "anna", EventFixtures.DAY);
        assertThrows(IllegalArgumentException.class,
                () -> sealer.sealReply(reply, EventFixtures.memberKey("anna"), classicPin, hybridTeam));
        MailboxPin hybridPin = new MailboxPin(r.mailboxIdHex(), r.signingKey().publicKey(), r.replyHybridRecipient());
        assertThrows(IllegalArgumentException.class,
                () -> sealer.sealReply(reply, EventFixtures.memberKey("anna"), hybridPin, EventFixtures.team()));
    }

    @Test
    void aClassicReporterMessageToAHybridTeamIsForTheTeamOnly() throws EventException {
        ReporterMessage m = ReporterMessage.message(r.mailboxIdHex(), r.signingKey().publicKey(), r.replyRecipient(),
                2, EventCases.LAST_SEEN, 4, "nl", "Nog een vraag.");
        byte[] file = sealer.sealReporterMessage(m, r.signingKey(), hybridTeam);
        assertFalse(header(file).contains("-> X25519 "));
        new EventOpener(List.of(anna)).open(file);
        EventException e = assertThrows(EventException.class,
                () -> new EventOpener(List.of(X25519Identity.fromSecretScalar(r.replyIdentitySecret()))).open(file));
        assertEquals(EventException.Kind.DECRYPT, e.kind());
    }

    @Test
    void hybridRecipientsAreCheckedLikeClassicOnes() {
        String good = r.replyHybridRecipient();
        assertTrue(Recipient.parse(good) instanceof HybridRecipient);
        for (String bad : List.of(good.toUpperCase(java.util.Locale.ROOT), good.substring(0, good.length() - 1) + "q",
                "age1pq1", good + good)) {
            assertThrows(IllegalArgumentException.class, () -> Fields.recipient("replyRecipient", bad), bad);
        }
        assertEquals(good, Fields.recipient("replyRecipient", good));
    }
}
