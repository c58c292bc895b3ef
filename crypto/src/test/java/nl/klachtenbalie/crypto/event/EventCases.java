package nl.klachtenbalie.crypto.event;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import nl.klachtenbalie.crypto.receipt.ReporterKeys;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;

/**
 * Named signed envelopes with their expected verdict: shared by {@link EventCasesTest} and the
 * cross-language vector file. Reporter messages are checked with
 * {@link EventVerifier#reporterMessage} ({@code mailbox} is the filed mailbox, {@code pin} may be
 * null), replies with {@link EventVerifier#reply} against {@link EventFixtures#bundle()}
 * ({@code mailbox} is the reporter's own).
 *
 * @param context {@code reporter-msg} or {@code reply}: which verification applies
 * @param expected an {@link EventException.Kind} name, or {@code "VALID"}
 */
public record EventCases(String name, String context, byte[] envelope, String mailbox, MailboxPin pin,
                         String expected) {

    public static final String OTHER_MAILBOX = "0123456789abcdef0123456789abcdef";
    public static final String LAST_SEEN = EventHash.of("the report's age file".getBytes(StandardCharsets.UTF_8));

    public static ReporterMessage report(ReporterKeys r) {
        ReportForm form = new ReportForm(ReportForm.Kind.COMPLAINT, ReportForm.About.EXPLOITANT, ReportForm.Topic.MONEY,
                "Den Haag", YearMonth.of(2026, 2), ReportForm.Wants.RIGHTS_INFO, ReportForm.Consent.ANONYMOUS,
                ReportForm.Reporter.SELF, "ro", ReportForm.CaseworkerGender.WOMAN);
        List<AttachmentRef> photos = List.of(
                new AttachmentRef(2, EventHash.of(new byte[] {1}), AttachmentRef.ImageType.JPEG, 123_456),
                new AttachmentRef(3, EventHash.of(new byte[] {2}), AttachmentRef.ImageType.PNG, 2_000_000));
        return ReporterMessage.report(r.mailboxIdHex(), r.signingKey().publicKey(), r.replyRecipient(), 4, "ro",
                "Patronul îmi ia bacșișul.\n\tNu primesc fluturaș de salariu. \"Citat\" \\ 😀 é", form, photos);
    }

    public static ReporterMessage message(ReporterKeys r) {
        return ReporterMessage.message(r.mailboxIdHex(), r.signingKey().publicKey(), r.replyRecipient(), 4,
                LAST_SEEN, 4, "ro", "Mulțumesc pentru răspuns.");
    }

    public static Reply reply(ReporterKeys r, String signer, LocalDate day) {
        return new Reply(r.mailboxIdHex(), 1, LAST_SEEN, 4, signer, day, "ro",
                "Bedankt voor je melding. Wij nemen binnen 7 dagen contact op.\nMet vriendelijke groet");
    }

    public static List<EventCases> all(ReporterKeys r) {
        List<EventCases> c = new ArrayList<>();
        String d = EventFixtures.DEPLOYMENT;
        Ed25519PrivateKey mk = r.signingKey();
        String own = r.mailboxIdHex();
        MailboxPin pin = new MailboxPin(own, mk.publicKey(), r.replyRecipient());
        byte[] report = report(r).toJson();
        String reportJson = utf8(report);
        byte[] plainReport = ReporterMessage.report(own, mk.publicKey(), r.replyRecipient(), 4, "nl", "Kort.",
                ReportForm.EMPTY, List.of()).toJson();

        c.add(rm("report with form and photos", sign(mk, SignatureContext.REPORTER_MSG, d, report), own, null, "VALID"));
        c.add(rm("report with an empty form", sign(mk, SignatureContext.REPORTER_MSG, d, plainReport), own, null, "VALID"));
        c.add(rm("report, with the pin of its own mailbox", sign(mk, SignatureContext.REPORTER_MSG, d, report), own, pin,
                "VALID"));
        c.add(rm("follow-up message", sign(mk, SignatureContext.REPORTER_MSG, d, message(r).toJson()), own, pin,
                "VALID"));

        c.add(rm("report filed under another mailbox", sign(mk, SignatureContext.REPORTER_MSG, d, report),
                OTHER_MAILBOX, null, "WRONG_MAILBOX"));
        ReporterMessage swapped = ReporterMessage.message(own, mk.publicKey(), EventFixtures.team().get(0).toString(),
                4, LAST_SEEN, 4, "ro", "x");
        c.add(rm("message naming another reply recipient than pinned", sign(mk, SignatureContext.REPORTER_MSG, d,
                swapped.toJson()), own, pin, "KEY_MISMATCH"));
        c.add(rm("follow-up message without a pinned report", sign(mk, SignatureContext.REPORTER_MSG, d,
                message(r).toJson()), own, null, "KEY_MISMATCH"));
        Ed25519PrivateKey stranger = Ed25519PrivateKey.fromSeed(new byte[32]);
        ReporterMessage foreign = ReporterMessage.message(own, stranger.publicKey(), r.replyRecipient(), 4, LAST_SEEN,
                4, "ro", "x");
        c.add(rm("message signed by another key than pinned", sign(stranger, SignatureContext.REPORTER_MSG, d,
                foreign.toJson()), own, pin, "SIGNATURE"));

        c.add(rm("report signed in the reply context", sign(mk, SignatureContext.REPLY, d, report), own, null,
                "SIGNATURE"));
        c.add(rm("report signed in the request context", sign(mk, SignatureContext.REQUEST, d, report), own, pin,
                "SIGNATURE"));
        c.add(rm("report signed for another deployment", sign(mk, SignatureContext.REPORTER_MSG, "other-deployment",
                report), own, null, "SIGNATURE"));
        byte[] sig = mk.sign(SignatureContext.REPORTER_MSG, d, report);
        c.add(rm("report altered after signing", SignedEnvelope.assembleUnchecked(bytes(reportJson.replace(
                "\"anonymous\"", "\"contact_party\"")), sig).encode(), own, null, "SIGNATURE"));
        byte[] flipped = sig.clone();
        flipped[40] ^= 1;
        c.add(rm("report with a bit flipped in the signature", SignedEnvelope.assembleUnchecked(report, flipped)
                .encode(), own, pin, "SIGNATURE"));

        String[][] badPayloads = {
            {"unknown field", reportJson.replace("\"lang\":", "\"extra\":1,\"lang\":")},
            {"unknown form code", reportJson.replace("\"money\"", "\"cash\"")},
            {"unknown form field", reportJson.replace("\"topic\":", "\"colour\":\"red\",\"topic\":")},
            {"place over 80 characters", reportJson.replace("Den Haag", "x".repeat(81))},
            {"month 2026-13", reportJson.replace("2026-02", "2026-13")},
            {"text not NFC", reportJson.replace("Patronul", "Patrone\u0301")},
            {"text with a carriage return", reportJson.replace("bacșișul.\\u000a", "bacșișul.\\u000d\\u000a")},
            {"text over 20000 code points", reportJson.replace("Patronul", "😀".repeat(20_000))},
            {"empty text", reportJson.replaceFirst("\"text\":\"[^\"]*(\\\\\"[^\"]*)*\"", "\"text\":\"\"")},
            {"report with seq 2", reportJson.replace("\"seq\":1,\"lastSeen\"", "\"seq\":2,\"lastSeen\"")},
            {"report with a lastSeen", reportJson.replace("\"lastSeen\":\"\"", "\"lastSeen\":\"" + LAST_SEEN + "\"")},
            {"report without attachments field", reportJson.replaceFirst(",\"attachments\":\\[.*\\]}$", "}")},
            {"attachments out of order", reportJson.replace("\"seq\":3", "\"seq\":4")},
            {"attachment of another type", reportJson.replace("image/png", "image/gif")},
            {"mailbox in upper case", reportJson.replace(own, own.toUpperCase(java.util.Locale.ROOT))},
            {"another format", reportJson.replace("reporter-msg/v1", "reporter-msg/v2")},
            {"fractional bundle version", reportJson.replace("\"bundleVersion\":4", "\"bundleVersion\":4.0")},
            {"duplicate key", reportJson.replace("\"lang\":\"ro\"", "\"lang\":\"ro\",\"lang\":\"ro\"")},
            {"payload not an object", "[]"},
        };
        for (String[] b : badPayloads) {
            c.add(rm("report with " + b[0], sign(mk, SignatureContext.REPORTER_MSG, d, bytes(b[1])), own, null,
                    "MALFORMED"));
        }
        // A follow-up whose payload is malformed is refused as malformed even with a pin, after
        // the signature was checked.
        c.add(rm("message with a form (pinned)", sign(mk, SignatureContext.REPORTER_MSG, d, bytes(utf8(message(r)
                .toJson()).replace("}", ",\"form\":{}}"))), own, pin, "MALFORMED"));

        // The announcement of a hybrid reply recipient (§9.2): valid once, under the classic pin only.
        ReporterMessage announcement = ReporterMessage.announcement(own, mk.publicKey(), r.replyRecipient(),
                r.replyHybridRecipient(), 4, LAST_SEEN, 5, "ro", "Am revenit.");
        String announcementJson = utf8(announcement.toJson());
        MailboxPin hybridPin = pin.after(announcement);
        c.add(rm("message announcing a hybrid reply recipient", sign(mk, SignatureContext.REPORTER_MSG, d,
                announcement.toJson()), own, pin, "VALID"));
        c.add(rm("announcement under a pin that is already hybrid", sign(mk, SignatureContext.REPORTER_MSG, d,
                announcement.toJson()), own, hybridPin, "KEY_MISMATCH"));
        c.add(rm("announcement of a classic recipient", sign(mk, SignatureContext.REPORTER_MSG, d,
                bytes(announcementJson.replace(r.replyHybridRecipient(), EventFixtures.team().get(0).toString()))),
                own, pin, "MALFORMED"));
        c.add(rm("announcement next to a hybrid replyRecipient", sign(mk, SignatureContext.REPORTER_MSG, d,
                bytes(announcementJson.replace(r.replyRecipient(), r.replyHybridRecipient()))), own, hybridPin,
                "MALFORMED"));
        c.add(rm("report announcing a hybrid reply recipient", sign(mk, SignatureContext.REPORTER_MSG, d,
                bytes(reportJson.replace("\"seq\":1,", "\"newReplyRecipient\":\"" + r.replyHybridRecipient()
                        + "\",\"seq\":1,"))), own, null, "MALFORMED"));

        String env = utf8(SignedEnvelope.sign(mk, SignatureContext.REPORTER_MSG, d, plainReport).encode());
        c.add(rm("envelope with a third key", bytes(env.replace("{", "{\"kind\":\"report\",")), own, null, "MALFORMED"));
        c.add(rm("envelope with a 63-byte signature", SignedEnvelope.assembleUnchecked(plainReport,
                java.util.Arrays.copyOf(sig, 63)).encode(), own, null, "MALFORMED"));
        c.add(rm("envelope with unpadded base64", bytes(env.replaceFirst("=+\"", "\"")), own, null, "MALFORMED"));
        c.add(rm("envelope with a number for the payload", bytes("{\"payload\":1,\"signature\":\"\"}"), own, null,
                "MALFORMED"));
        c.add(rm("envelope that is not JSON", bytes("payload=x"), own, null, "MALFORMED"));
        byte[] huge = new byte[SignedEnvelope.MAX_PAYLOAD_SIZE + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        c.add(rm("payload over 128 KiB", SignedEnvelope.assembleUnchecked(huge, sig).encode(), own, null,
                "MALFORMED"));

        // Replies, checked against bundle version 4 by the reporter of mailbox `own`.
        LocalDate day = EventFixtures.DAY;
        byte[] reply = reply(r, "anna", day).toJson();
        Ed25519PrivateKey anna = EventFixtures.memberKey("anna");
        c.add(re("reply by an active member", sign(anna, SignatureContext.REPLY, d, reply), own, "VALID"));
        c.add(re("reply for another mailbox", sign(anna, SignatureContext.REPLY, d, reply), OTHER_MAILBOX,
                "WRONG_MAILBOX"));
        LocalDate chrisRetired = nl.klachtenbalie.crypto.bundle.BundleFixtures.ISSUED.minusDays(30);
        c.add(re("reply by a retired member, the day before retiring", sign(EventFixtures.memberKey("chris"),
                SignatureContext.REPLY, d, reply(r, "chris", chrisRetired.minusDays(1)).toJson()), own, "VALID"));
        c.add(re("reply by a retired member, on the day of retiring", sign(EventFixtures.memberKey("chris"),
                SignatureContext.REPLY, d, reply(r, "chris", chrisRetired).toJson()), own, "SIGNER"));
        c.add(re("reply by a compromised member, dated long ago", sign(EventFixtures.memberKey("dee"),
                SignatureContext.REPLY, d, reply(r, "dee", LocalDate.of(2020, 1, 1)).toJson()), own, "SIGNER"));
        c.add(re("reply by someone not in the bundle", sign(stranger, SignatureContext.REPLY, d,
                reply(r, "eve", day).toJson()), own, "SIGNER"));
        c.add(re("reply signed by anna naming bo", sign(anna, SignatureContext.REPLY, d, reply(r, "bo", day).toJson()),
                own, "SIGNATURE"));
        c.add(re("reply signed in the reporter-msg context", sign(anna, SignatureContext.REPORTER_MSG, d, reply), own,
                "SIGNATURE"));
        c.add(re("reply signed in the internal context", sign(anna, SignatureContext.INTERNAL, d, reply), own,
                "SIGNATURE"));
        c.add(re("reply signed for another deployment", sign(anna, SignatureContext.REPLY, "other-deployment", reply),
                own, "SIGNATURE"));
        byte[] replySig = anna.sign(SignatureContext.REPLY, d, reply);
        c.add(re("reply altered after signing", SignedEnvelope.assembleUnchecked(bytes(utf8(reply).replace(
                "7 dagen", "9 dagen")), replySig).encode(), own, "SIGNATURE"));
        c.add(re("reply naming a newer bundle", sign(anna, SignatureContext.REPLY, d, new Reply(own, 1, LAST_SEEN, 5,
                "anna", day, "ro", "x").toJson()), own, "SIGNER"));
        c.add(re("reply with replySeq 0", sign(anna, SignatureContext.REPLY, d, bytes(utf8(reply).replace(
                "\"replySeq\":1", "\"replySeq\":0"))), own, "MALFORMED"));
        c.add(re("reply with an impossible day", sign(anna, SignatureContext.REPLY, d, bytes(utf8(reply).replace(
                day.toString(), "2026-02-30"))), own, "MALFORMED"));
        // Domain separation the other way round: a reporter's envelope is not a reply, and a
        // reply envelope is not a reporter message.
        c.add(re("reporter message presented as a reply", sign(mk, SignatureContext.REPORTER_MSG, d, report), own,
                "MALFORMED"));
        c.add(rm("reply presented as a reporter message", sign(anna, SignatureContext.REPLY, d, reply), own, pin,
                "SIGNATURE"));
        return c;
    }

    private static EventCases rm(String name, byte[] envelope, String mailbox, MailboxPin pin, String expected) {
        return new EventCases(name, "reporter-msg", envelope, mailbox, pin, expected);
    }

    private static EventCases re(String name, byte[] envelope, String mailbox, String expected) {
        return new EventCases(name, "reply", envelope, mailbox, null, expected);
    }

    static byte[] sign(Ed25519PrivateKey key, SignatureContext ctx, String deployment, byte[] payload) {
        return SignedEnvelope.assembleUnchecked(payload, key.sign(ctx, deployment, payload)).encode();
    }

    /** Verifies this case as the desk (reporter messages) or the browser (replies) would. */
    public String verdict() {
        try {
            SignedEnvelope e = SignedEnvelope.parse(envelope);
            if (context.equals("reporter-msg")) {
                EventVerifier.reporterMessage(e, EventFixtures.DEPLOYMENT, mailbox, pin);
            } else {
                EventVerifier.reply(e, EventFixtures.DEPLOYMENT, mailbox, EventFixtures.bundle());
            }
            return "VALID";
        } catch (EventException ex) {
            return ex.kind().name();
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
