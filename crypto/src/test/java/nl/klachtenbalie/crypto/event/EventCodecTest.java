package nl.klachtenbalie.crypto.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import nl.klachtenbalie.crypto.receipt.ReporterKeys;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Payload round trips, construction rules and envelope limits. */
class EventCodecTest {

    private static ReporterKeys r;

    @BeforeAll
    static void keys() {
        r = EventFixtures.reporter("codec");
    }

    @Test
    void payloadsRoundTripByteForByte() throws EventException {
        ReporterMessage report = EventCases.report(r);
        assertEquals(report, ReporterMessage.fromJson(report.toJson()));
        assertArrayEquals(report.toJson(), ReporterMessage.fromJson(report.toJson()).toJson());
        ReporterMessage message = EventCases.message(r);
        assertEquals(message, ReporterMessage.fromJson(message.toJson()));
        Reply reply = EventCases.reply(r, "anna", EventFixtures.DAY);
        assertEquals(reply, Reply.fromJson(reply.toJson()));
        InternalEvent note = new InternalEvent("anna", EventFixtures.DAY, r.mailboxIdHex(), InternalEvent.Type.NOTE,
                "Gebeld met GGD.\nTerugbellen op maandag.");
        assertEquals(note, InternalEvent.fromJson(note.toJson()));
        InternalEvent unassign = new InternalEvent("bo", EventFixtures.DAY, r.mailboxIdHex(), InternalEvent.Type.ASSIGN, "");
        assertEquals(unassign, InternalEvent.fromJson(unassign.toJson()));
    }

    @Test
    void fieldOrderFollowsTheProtocolTable() {
        String json = new String(EventCases.reply(r, "anna", LocalDate.of(2026, 3, 6)).toJson(), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"format\":\"klachtenbalie-reply/v1\",\"mailbox\":\"" + r.mailboxIdHex()
                + "\",\"replySeq\":1,\"lastReporterEvent\":\""), json);
        assertTrue(json.contains("\"signer\":\"anna\",\"day\":\"2026-03-06\",\"lang\":\"ro\",\"text\":\"Bedankt"));
        String msg = new String(EventCases.message(r).toJson(), StandardCharsets.UTF_8);
        assertFalse(msg.contains("\"form\"") || msg.contains("\"attachments\""), "a message has neither field");
    }

    @Test
    void parsingAcceptsAnyFieldOrderAndWhiteSpace() throws EventException {
        Reply reply = EventCases.reply(r, "anna", EventFixtures.DAY);
        String json = new String(reply.toJson(), StandardCharsets.UTF_8);
        String reordered = "{ \"text\":" + json.substring(json.indexOf("\"text\":") + 7, json.length() - 1) + ",\n"
                + json.substring(1, json.indexOf(",\"text\":")) + " }";
        assertEquals(reply, Reply.fromJson(reordered.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void constructorsRefuseWhatTheParserRefuses() {
        var key = r.signingKey().publicKey();
        String mb = r.mailboxIdHex();
        String rr = r.replyRecipient();
        String h = EventCases.LAST_SEEN;
        List<Runnable> bad = List.of(
            () -> ReporterMessage.report(mb.toUpperCase(java.util.Locale.ROOT), key, rr, 1, "nl", "x", ReportForm.EMPTY, List.of()),
            () -> ReporterMessage.report(mb, key, rr.toUpperCase(java.util.Locale.ROOT), 1, "nl", "x", ReportForm.EMPTY, List.of()),
            () -> ReporterMessage.report(mb, key, rr, 0, "nl", "x", ReportForm.EMPTY, List.of()),
            () -> ReporterMessage.report(mb, key, rr, 1, "Dutch", "x", ReportForm.EMPTY, List.of()),
            () -> ReporterMessage.report(mb, key, rr, 1, "nl", "", ReportForm.EMPTY, List.of()),
            () -> ReporterMessage.report(mb, key, rr, 1, "nl", "a\rb", ReportForm.EMPTY, List.of()),
            () -> ReporterMessage.report(mb, key, rr, 1, "nl", "a\u007fb", ReportForm.EMPTY, List.of()),
            () -> ReporterMessage.report(mb, key, rr, 1, "nl", "a\u0085b", ReportForm.EMPTY, List.of()),
            () -> ReporterMessage.report(mb, key, rr, 1, "nl", "a\ud800b", ReportForm.EMPTY, List.of()),
            () -> ReporterMessage.report(mb, key, rr, 1, "nl", "e\u0301", ReportForm.EMPTY, List.of()),
            () -> ReporterMessage.report(mb, key, rr, 1, "nl", "x".repeat(20_001), ReportForm.EMPTY, List.of()),
            () -> ReporterMessage.report(mb, key, rr, 1, "nl", "x", null, List.of()),
            () -> ReporterMessage.report(mb, key, rr, 1, "nl", "x", ReportForm.EMPTY,
                    List.of(new AttachmentRef(3, h, AttachmentRef.ImageType.PNG, 10))),
            () -> ReporterMessage.report(mb, key, rr, 1, "nl", "x", ReportForm.EMPTY,
                    List.of(new AttachmentRef(2, h, AttachmentRef.ImageType.PNG, 10),
                            new AttachmentRef(3, h, AttachmentRef.ImageType.PNG, 10))),
            () -> ReporterMessage.message(mb, key, rr, 1, h, 1, "nl", "x"),
            () -> ReporterMessage.message(mb, key, rr, 2, "", 1, "nl", "x"),
            () -> new ReporterMessage(ReporterMessage.Kind.MESSAGE, mb, key, rr, 2, h, 1, "nl", "x", ReportForm.EMPTY, List.of()),
            () -> new AttachmentRef(2, h, AttachmentRef.ImageType.PNG, 0),
            () -> new AttachmentRef(2, h, AttachmentRef.ImageType.PNG, 8_388_605),
            () -> new ReportForm(null, null, null, "", null, null, null, null, null, null),
            () -> new ReportForm(null, null, null, "Den\nHaag", null, null, null, null, null, null),
            () -> new ReportForm(null, null, null, null, null, null, null, null, "NL", null),
            () -> new Reply(mb, 1, "", 1, "anna", EventFixtures.DAY, "nl", "x"),
            () -> new Reply(mb, 1, h, 1, "an na", EventFixtures.DAY, "nl", "x"),
            () -> new Reply(mb, 1, h, 1, "anna", LocalDate.of(10_000, 1, 1), "nl", "x"),
            () -> new InternalEvent("anna", EventFixtures.DAY, mb, InternalEvent.Type.LABEL, "two\nlines"));
        for (int i = 0; i < bad.size(); i++) {
            int n = i;
            assertThrows(IllegalArgumentException.class, () -> bad.get(n).run(), "case " + n);
        }
        // 20 000 astral code points are 40 000 UTF-16 units and are allowed.
        ReporterMessage.report(mb, key, rr, 1, "nl", "😀".repeat(20_000), ReportForm.EMPTY, List.of());
        ReporterMessage.report(mb, key, rr, 1, "sr-Latn-RS", "x", ReportForm.EMPTY, List.of());
    }

    @Test
    void formCodesAreExactlyTheProtocolLists() {
        assertEquals(List.of("complaint", "question", "help", "story"), codes(ReportForm.Kind.values()));
        assertEquals(List.of("exploitant", "escort_agency", "gemeente", "police", "tax_kvk", "bank_insurer", "landlord",
                "health_social", "client", "other"), codes(ReportForm.About.values()));
        assertEquals(List.of("work", "money", "enforcement", "housing", "tax", "health", "residence", "stigma",
                "violence", "exiting", "other"), codes(ReportForm.Topic.values()));
        assertEquals(List.of("listen", "rights_info", "help_complain", "act_for_me", "count_only"),
                codes(ReportForm.Wants.values()));
        assertEquals(List.of("anonymous", "work_name", "contact_party"), codes(ReportForm.Consent.values()));
        assertEquals(List.of("self", "on_behalf"), codes(ReportForm.Reporter.values()));
        assertEquals(List.of("no_preference", "woman", "man", "non_binary"), codes(ReportForm.CaseworkerGender.values()));
    }

    private static List<String> codes(FormCode[] values) {
        return Arrays.stream(values).map(FormCode::code).toList();
    }

    @Test
    void envelopeRoundTripAndLimits() throws EventException {
        Ed25519PrivateKey k = r.signingKey();
        byte[] payload = EventCases.report(r).toJson();
        SignedEnvelope e = SignedEnvelope.sign(k, SignatureContext.REPORTER_MSG, EventFixtures.DEPLOYMENT, payload);
        SignedEnvelope parsed = SignedEnvelope.parse(e.encode());
        assertEquals(e, parsed);
        assertArrayEquals(payload, parsed.verify(k.publicKey(), SignatureContext.REPORTER_MSG, EventFixtures.DEPLOYMENT));
        for (SignatureContext other : SignatureContext.values()) {
            if (other != SignatureContext.REPORTER_MSG) {
                assertFalse(parsed.verifies(k.publicKey(), other, EventFixtures.DEPLOYMENT), other.label());
            }
        }
        assertFalse(parsed.verifies(k.publicKey(), SignatureContext.REPORTER_MSG, EventFixtures.DEPLOYMENT + "x"));
        EventException ex = assertThrows(EventException.class,
                () -> parsed.verify(k.publicKey(), SignatureContext.REPLY, EventFixtures.DEPLOYMENT));
        assertEquals(EventException.Kind.SIGNATURE, ex.kind());

        // The largest payload is accepted, one byte more is not — when signing and when parsing.
        byte[] max = new byte[SignedEnvelope.MAX_PAYLOAD_SIZE];
        SignedEnvelope big = SignedEnvelope.sign(k, SignatureContext.REPORTER_MSG, EventFixtures.DEPLOYMENT, max);
        assertTrue(big.encode().length <= SignedEnvelope.MAX_ENCODED_SIZE);
        assertEquals(big, SignedEnvelope.parse(big.encode()));
        byte[] over = new byte[SignedEnvelope.MAX_PAYLOAD_SIZE + 1];
        assertThrows(IllegalArgumentException.class,
                () -> SignedEnvelope.sign(k, SignatureContext.REPORTER_MSG, EventFixtures.DEPLOYMENT, over));
        assertMalformed(() -> SignedEnvelope.parse(SignedEnvelope.assembleUnchecked(over, new byte[64]).encode()));
        byte[] tooLong = new byte[SignedEnvelope.MAX_ENCODED_SIZE + 1];
        Arrays.fill(tooLong, (byte) ' ');
        assertMalformed(() -> SignedEnvelope.parse(tooLong));
        assertMalformed(() -> ReporterMessage.fromJson(over));
        assertMalformed(() -> SignedEnvelope.parse("{\"payload\":\"\",\"signature\":\"\"}".getBytes(StandardCharsets.UTF_8)));
        assertMalformed(() -> SignedEnvelope.parse("{\"payload\":\"\",\"signature\":\"AA==\"}".getBytes(StandardCharsets.UTF_8)));
        assertMalformed(() -> SignedEnvelope.parse("{\"payload\":\"QQ=\",\"signature\":\"\"}".getBytes(StandardCharsets.UTF_8)));
        assertMalformed(() -> SignedEnvelope.parse("{\"payload\":\"QR==\",\"signature\":\"\"}".getBytes(StandardCharsets.UTF_8)));
        assertMalformed(() -> SignedEnvelope.parse(new byte[0]));
    }

    @Test
    void toStringNeverShowsText() {
        String secret = "mijn werknaam is Roos";
        ReporterMessage m = ReporterMessage.report(r.mailboxIdHex(), r.signingKey().publicKey(), r.replyRecipient(), 1,
                "nl", secret, ReportForm.EMPTY, List.of());
        assertFalse(m.toString().contains("Roos"));
        Reply reply = new Reply(r.mailboxIdHex(), 1, EventCases.LAST_SEEN, 1, "anna", EventFixtures.DAY, "nl", secret);
        assertFalse(reply.toString().contains("Roos"));
        InternalEvent note = new InternalEvent("anna", EventFixtures.DAY, r.mailboxIdHex(), InternalEvent.Type.NOTE, secret);
        assertFalse(note.toString().contains("Roos"));
    }

    @Test
    void eventHashIsHexSha256() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                EventHash.of("abc".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(EventHash.isHash(EventHash.of(new byte[0])));
        assertFalse(EventHash.isHash(EventHash.of(new byte[0]).toUpperCase(java.util.Locale.ROOT)));
        assertFalse(EventHash.isHash(""));
    }

    interface Call {
        void run() throws EventException;
    }

    static void assertMalformed(Call call) {
        EventException e = assertThrows(EventException.class, call::run);
        assertEquals(EventException.Kind.MALFORMED, e.kind());
    }
}
