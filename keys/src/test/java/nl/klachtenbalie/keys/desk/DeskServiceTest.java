package nl.klachtenbalie.keys.desk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import nl.klachtenbalie.crypto.bundle.BundleFixtures;
import nl.klachtenbalie.crypto.event.AttachmentRef;
import nl.klachtenbalie.crypto.event.EventFixtures;
import nl.klachtenbalie.crypto.event.EventHash;
import nl.klachtenbalie.crypto.event.EventOpener;
import nl.klachtenbalie.crypto.event.EventSealer;
import nl.klachtenbalie.crypto.event.EventVerifier;
import nl.klachtenbalie.crypto.event.InternalEvent;
import nl.klachtenbalie.crypto.event.OpenedEvent;
import nl.klachtenbalie.crypto.event.ReportForm;
import nl.klachtenbalie.crypto.event.ReporterMessage;
import nl.klachtenbalie.crypto.event.Reply;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;
import nl.klachtenbalie.keys.desk.cases.Case;
import nl.klachtenbalie.keys.desk.cases.CaseState;
import nl.klachtenbalie.keys.desk.cases.ConversationItem;
import nl.klachtenbalie.keys.desk.cases.Warning;
import nl.klachtenbalie.keys.desk.images.ImageSafety;
import nl.klachtenbalie.keys.desk.service.ImportProgress;
import nl.klachtenbalie.keys.desk.service.ImportResult;
import nl.klachtenbalie.keys.desk.service.OutboxWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desk's services end to end: a simulated reporter seals a report with the crypto module's
 * sealer, the server's export format carries it, the desk imports, decrypts, checks, answers, and
 * the outbox verifies — and the reporter, with keys derived again from the receipt code, opens
 * and verifies the reply exactly as the browser would.
 */
class DeskServiceTest {

    static final String STORY = "Mijn exploitant houdt de helft van mijn fooien in en ik krijg geen loonstrook. Zoëtermeer-unikat-7781";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static ReportForm form() {
        return new ReportForm(ReportForm.Kind.COMPLAINT, ReportForm.About.EXPLOITANT, ReportForm.Topic.MONEY, "Utrecht",
                YearMonth.of(2026, 2), ReportForm.Wants.RIGHTS_INFO, ReportForm.Consent.ANONYMOUS, ReportForm.Reporter.SELF,
                "pl", null);
    }

    private ImportResult importFile(DeskHarness h, Path file) throws IOException {
        return h.desk.importExport(file, new ImportProgress());
    }

    @Test
    void reportToReplyToOutboxAndTheReporterVerifiesTheReply() throws Exception {
        try (DeskHarness h = DeskHarness.create(tmp)) {
            SimulatedReporter rep = new SimulatedReporter();
            byte[] jpeg = DeskHarness.image("jpg", Color.RED);
            byte[] png = DeskHarness.image("png", Color.BLUE);
            assertTrue(new String(png, StandardCharsets.ISO_8859_1).contains("metadata-secret-6402"));
            List<SimulatedReporter.Sealed> report = rep.report(STORY, form(), List.of(jpeg, png),
                    List.of(AttachmentRef.ImageType.JPEG, AttachmentRef.ImageType.PNG));
            SimulatedReporter.Sealed followUp = rep.message("Ook moet ik een jaar huur vooruit betalen.");
            ExportBuilder export = new ExportBuilder(0);
            report.forEach(e -> export.reporter(rep, e, TeamFixture.TODAY.minusDays(2)));
            export.reporter(rep, followUp, TeamFixture.TODAY.minusDays(1));
            Path file = export.write(tmp.resolve("export-1.json"));

            ImportProgress progress = new ImportProgress();
            ImportResult r = h.desk.importExport(file, progress);
            assertEquals(ImportProgress.Phase.DONE, progress.phase());
            assertEquals(100, progress.percent());
            assertEquals(1, r.newCases());
            assertEquals(1, r.newMessages());
            assertEquals(2, r.newPhotos());
            assertEquals(0, r.rejected());

            Case c = h.desk.get(rep.mailbox()).orElseThrow();
            assertEquals(List.of(), c.warnings());
            assertEquals(STORY, c.reportText());
            assertEquals("money", c.form().get("topic"));
            assertEquals("pl", c.replyLang());
            assertEquals(rep.publicKey(), c.mailboxKey());
            assertEquals(rep.keys.replyRecipient(), c.replyRecipient());
            assertEquals(2, c.conversation().size());
            assertEquals(CaseState.NEW, c.state());
            // photos: re-encoded PNGs that decode, never the original bytes
            for (long seq : new long[] {2, 3}) {
                byte[] shown = h.desk.photoPng(rep.mailbox(), seq);
                assertTrue(ImageSafety.hasMagic(shown, "image/png"));
                assertEquals(64, ImageIO.read(new ByteArrayInputStream(shown)).getWidth());
                assertFalse(java.util.Arrays.equals(shown, png));
                assertFalse(new String(shown, StandardCharsets.ISO_8859_1).contains("metadata-secret-6402"), "metadata dropped");
            }
            assertFalse(ImageSafety.diskCacheEnabled(), "ImageIO must not buffer decrypted images in temp files");

            h.desk.acknowledge(rep.mailbox(), "pl", "Dzień dobry, otrzymaliśmy Twoją wiadomość.");
            h.desk.addNote(rep.mailbox(), "Interne notitie: lijkt op zaak van vorige maand");
            h.desk.assign(rep.mailbox(), "bo");
            h.desk.label(rep.mailbox(), "fooien", true);
            c = h.desk.get(rep.mailbox()).orElseThrow();
            assertEquals(CaseState.ACKNOWLEDGED, c.state());
            assertEquals("bo", c.assignee());
            assertEquals(List.of("fooien"), new ArrayList<>(c.labels()));
            assertTrue(c.deadlines(TeamFixture.TODAY).acknowledged());

            Path usb = Files.createDirectories(tmp.resolve("usb"));
            OutboxWriter.Written w = h.desk.writeOutbox(usb);
            assertEquals(1, w.replies());
            assertEquals(4, w.internal()); // the acknowledgement's state change, note, assignment, label
            JsonNode payload = verifyOutbox(w.file());
            assertEquals(0, payload.path("purge").size());
            JsonNode replyItem = payload.path("replies").get(0);
            assertEquals(rep.mailbox(), replyItem.path("mailbox").asText());
            byte[] replyBlob = Base64.getDecoder().decode(replyItem.path("blob").asText());
            for (JsonNode internal : payload.path("internal")) {
                assertFalse(internal.has("mailbox"), "internal events travel without a mailbox id");
            }

            // The reporter: keys derived again from the receipt code, browser-equivalent checks.
            SimulatedReporter again = new SimulatedReporter.Again(rep.code).reporter();
            OpenedEvent opened = new EventOpener(List.of(again.replyIdentity())).open(replyBlob);
            Reply reply = EventVerifier.reply(opened.envelope(), BundleFixtures.DEPLOYMENT, rep.mailbox(), TeamFixture.bundle());
            assertEquals("Dzień dobry, otrzymaliśmy Twoją wiadomość.", reply.text());
            assertEquals(1, reply.replySeq());
            assertEquals("anna", reply.signer());
            assertEquals(EventHash.of(followUp.blob()), reply.lastReporterEvent());

            // The server appends the reply and exports it back: delivered, not duplicated.
            ExportBuilder back = new ExportBuilder(4).event(rep.mailbox(), rep.publicKey(), 5, "reply",
                    replyItem.path("eventId").asText(), replyBlob, TeamFixture.TODAY);
            ImportResult r2 = importFile(h, back.write(tmp.resolve("export-2.json")));
            assertEquals(1, r2.duplicates());
            c = h.desk.get(rep.mailbox()).orElseThrow();
            List<ConversationItem> conv = c.conversation();
            assertEquals(3, conv.size());
            assertTrue(conv.get(2).delivered());
            assertEquals(5, conv.get(2).seq());
            assertEquals(0, h.desk.unsentCount());
            assertEquals(4, h.desk.unconfirmedCount(), "internal events are not confirmed by this export yet");
        }
    }

    /** Verifies the outbox file as the server does and returns its payload. */
    static JsonNode verifyOutbox(Path file) throws IOException {
        JsonNode f = JSON.readTree(Files.readAllBytes(file));
        assertEquals(List.of("payload", "signature", "signingKey"), iterable(f.fieldNames()));
        byte[] payload = Base64.getDecoder().decode(f.path("payload").asText());
        byte[] signature = Base64.getDecoder().decode(f.path("signature").asText());
        Ed25519PublicKey key = Ed25519PublicKey.fromHex(f.path("signingKey").asText());
        assertEquals(EventFixtures.memberKey("anna").publicKey(), key);
        assertTrue(key.verify(SignatureContext.OUTBOX, BundleFixtures.DEPLOYMENT, signature, payload));
        assertFalse(key.verify(SignatureContext.REPLY, BundleFixtures.DEPLOYMENT, signature, payload));
        JsonNode p = JSON.readTree(payload);
        assertEquals(List.of("format", "deployment", "replies", "internal", "purge"), iterable(p.fieldNames()));
        assertEquals("klachtenbalie-outbox/v1", p.path("format").asText());
        assertEquals(BundleFixtures.DEPLOYMENT, p.path("deployment").asText());
        return p;
    }

    static List<String> iterable(java.util.Iterator<String> it) {
        List<String> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    @Test
    void importIsIdempotentAndSurvivesARestart() throws Exception {
        SimulatedReporter rep = new SimulatedReporter();
        Path file = new ExportBuilder(0).reporter(rep, rep.report(STORY), TeamFixture.TODAY).write(tmp.resolve("e.json"));
        DeskHarness h = DeskHarness.create(tmp);
        try {
            assertEquals(1, importFile(h, file).newCases());
            byte[] indexBefore = Files.readAllBytes(h.deskDir.resolve("index.age"));
            ImportResult again = importFile(h, file);
            assertEquals(0, again.newCases());
            assertEquals(1, again.duplicates());
            assertArrayEquals(indexBefore, Files.readAllBytes(h.deskDir.resolve("index.age")), "nothing rewritten");
            h.desk.setState(rep.mailbox(), CaseState.IN_PROGRESS);
            h.desk.addNote(rep.mailbox(), "nota bene");
            h = h.reopen();
            Case c = h.desk.get(rep.mailbox()).orElseThrow();
            assertEquals(STORY, c.reportText());
            assertEquals(CaseState.IN_PROGRESS, c.state());
            assertEquals("nota bene", c.notes().get(0).text());
            assertEquals(1, h.desk.cases("", x -> true).size());
        } finally {
            h.close();
        }
    }

    @Test
    void splicesKeySwapsAndUnlistedPhotosAreRefusedAndShown() throws Exception {
        try (DeskHarness h = DeskHarness.create(tmp)) {
            SimulatedReporter a = new SimulatedReporter();
            SimulatedReporter b = new SimulatedReporter();
            SimulatedReporter.Sealed aReport = a.report(STORY);
            SimulatedReporter.Sealed bReport = b.report("B's own story");
            EventSealer sealer = new EventSealer(BundleFixtures.DEPLOYMENT, new java.security.SecureRandom());
            // b's key signs a message that claims a's mailbox: a takeover attempt
            byte[] takeover = sealer.sealReporterMessage(ReporterMessage.message(a.mailbox(), b.keys.signingKey().publicKey(),
                    b.keys.replyRecipient(), 2, EventHash.of(aReport.blob()), 1, "pl", "send replies to me"),
                    b.keys.signingKey(), TeamFixture.teamRecipients());
            // a's own key, but the reply recipient swapped to b's (the pinned one must win)
            byte[] swap = sealer.sealReporterMessage(ReporterMessage.message(a.mailbox(), a.keys.signingKey().publicKey(),
                    b.keys.replyRecipient(), 3, EventHash.of(aReport.blob()), 1, "pl", "new recipient"),
                    a.keys.signingKey(), TeamFixture.teamRecipients());
            byte[] strayPhoto = sealer.sealAttachment(DeskHarness.image("png", Color.GREEN), TeamFixture.teamRecipients());
            ExportBuilder e = new ExportBuilder(0)
                    .reporter(a, aReport, TeamFixture.TODAY)
                    .event(a.mailbox(), b.publicKey(), bReport, TeamFixture.TODAY) // b's report spliced under a's mailbox id
                    .event(b.mailbox(), a.publicKey(), bReport, TeamFixture.TODAY) // server's key differs from the signed one
                    .event(a.mailbox(), a.publicKey(), 2, "message", SimulatedReporter.randomEventId(), takeover, TeamFixture.TODAY)
                    .event(a.mailbox(), a.publicKey(), 3, "message", SimulatedReporter.randomEventId(), swap, TeamFixture.TODAY)
                    .event(a.mailbox(), a.publicKey(), 4, "attachment", SimulatedReporter.randomEventId(), strayPhoto, TeamFixture.TODAY);
            ImportResult r = importFile(h, e.write(tmp.resolve("hostile.json")));
            assertEquals(1, r.newCases());
            assertEquals(5, r.rejected());
            Case c = h.desk.get(a.mailbox()).orElseThrow();
            assertEquals(1, c.conversation().size(), "nothing refused is shown as a message");
            List<String> caseWarnings = c.warnings().stream().map(Warning::key).toList();
            assertEquals(List.of("warn.report.duplicate", "warn.key.pinned", "warn.recipient.pinned", "warn.attachment.unlisted"),
                    caseWarnings);
            assertEquals(List.of("warn.key.server"), h.desk.deskWarnings().stream().map(Warning::key).toList());
            assertTrue(h.desk.get(b.mailbox()).isEmpty());
            // warnings survive a restart: they are re-derived from the stored ciphertext
            try (DeskHarness again = h.reopen()) {
                assertEquals(caseWarnings, again.desk.get(a.mailbox()).orElseThrow().warnings().stream().map(Warning::key).toList());
            }
        }
    }

    @Test
    void aReportFiledUnderAnotherMailboxIsASplice() throws Exception {
        try (DeskHarness h = DeskHarness.create(tmp)) {
            SimulatedReporter a = new SimulatedReporter();
            SimulatedReporter b = new SimulatedReporter();
            ImportResult r = importFile(h, new ExportBuilder(0).event(b.mailbox(), a.publicKey(), a.report(STORY),
                    TeamFixture.TODAY).write(tmp.resolve("splice.json")));
            assertEquals(0, r.newCases());
            assertEquals(List.of("warn.splice.mailbox"), h.desk.deskWarnings().stream().map(Warning::key).toList());
        }
    }

    @Test
    void aTombstoneDeletesTheCaseAndItsCiphertextForGood() throws Exception {
        try (DeskHarness h = DeskHarness.create(tmp)) {
            SimulatedReporter rep = new SimulatedReporter();
            SimulatedReporter other = new SimulatedReporter();
            Path first = new ExportBuilder(0).reporter(rep, rep.report(STORY), TeamFixture.TODAY)
                    .reporter(rep, rep.message("second"), TeamFixture.TODAY)
                    .reporter(other, other.report("another story"), TeamFixture.TODAY).write(tmp.resolve("1.json"));
            importFile(h, first);
            h.desk.addNote(rep.mailbox(), "note on a case that will be forgotten");
            assertEquals(4, blobCount(h));
            ImportResult r = importFile(h, new ExportBuilder(3).tombstone(rep.mailbox(), "forget", TeamFixture.TODAY)
                    .write(tmp.resolve("2.json")));
            assertEquals(1, r.forgottenCases());
            assertTrue(h.desk.get(rep.mailbox()).isEmpty());
            assertTrue(h.desk.get(other.mailbox()).isPresent());
            assertEquals(1, blobCount(h), "the forgotten case's ciphertext is wiped");
            importFile(h, first);
            assertTrue(h.desk.get(rep.mailbox()).isEmpty(), "an old export does not bring it back");
            try (DeskHarness again = h.reopen()) {
                assertTrue(again.desk.get(rep.mailbox()).isEmpty());
            }
        }
    }

    private static long blobCount(DeskHarness h) throws IOException {
        try (Stream<Path> s = Files.list(h.deskDir.resolve("blobs"))) {
            return s.count();
        }
    }

    @Test
    void aMalformedExportImportsNothing() throws Exception {
        try (DeskHarness h = DeskHarness.create(tmp)) {
            SimulatedReporter rep = new SimulatedReporter();
            var json = new ExportBuilder(0).reporter(rep, rep.report(STORY), TeamFixture.TODAY)
                    .reporter(rep, rep.message("m"), TeamFixture.TODAY).json();
            ((com.fasterxml.jackson.databind.node.ObjectNode) json.path("records").get(1)).put("blob", "not base64!");
            Path file = tmp.resolve("bad.json");
            Files.write(file, JSON.writeValueAsBytes(json));
            DeskException e = assertThrows(DeskException.class, () -> importFile(h, file));
            assertEquals("error.export.malformed", e.key());
            assertEquals(0, h.desk.cases("", c -> true).size());
            assertEquals(0, blobCount(h));
            assertFalse(Files.exists(h.deskDir.resolve("index.age")));

            var other = new ExportBuilder(0).reporter(rep, rep.report(STORY), TeamFixture.TODAY).json();
            other.put("deployment", "someone-else");
            Files.write(file, JSON.writeValueAsBytes(other));
            assertEquals("error.export.deployment", assertThrows(DeskException.class, () -> importFile(h, file)).key());
            Files.writeString(file, "{\"format\":\"klachtenbalie-export/v1\",\"format\":\"x\"}");
            assertEquals("error.export.json", assertThrows(DeskException.class, () -> importFile(h, file)).key());
        }
    }

    @Test
    void internalEventsFromAnotherDeskApplyAndACompromisedSignerIsRefused() throws Exception {
        try (DeskHarness h = DeskHarness.create(tmp)) {
            SimulatedReporter rep = new SimulatedReporter();
            EventSealer sealer = new EventSealer(BundleFixtures.DEPLOYMENT, new java.security.SecureRandom());
            byte[] boNote = sealer.sealInternal(new InternalEvent("bo", TeamFixture.TODAY, rep.mailbox(), InternalEvent.Type.NOTE,
                    "bo heeft PROUD gebeld"), EventFixtures.memberKey("bo"), TeamFixture.teamRecipients());
            byte[] deeState = sealer.sealInternal(new InternalEvent("dee", TeamFixture.TODAY, rep.mailbox(), InternalEvent.Type.STATE,
                    "closed"), EventFixtures.memberKey("dee"), TeamFixture.teamRecipients());
            importFile(h, new ExportBuilder(0).reporter(rep, rep.report(STORY), TeamFixture.TODAY)
                    .internal(SimulatedReporter.randomEventId(), boNote, TeamFixture.TODAY)
                    .internal(SimulatedReporter.randomEventId(), deeState, TeamFixture.TODAY).write(tmp.resolve("i.json")));
            Case c = h.desk.get(rep.mailbox()).orElseThrow();
            assertEquals("bo heeft PROUD gebeld", c.notes().get(0).text());
            assertEquals(CaseState.NEW, c.state(), "a compromised key changes nothing");
            assertEquals(List.of("warn.internal.signer"), c.warnings().stream().map(Warning::key).toList());
        }
    }

    @Test
    void overdueCasesComeFirstAndSearchIgnoresCaseAndAccents() throws Exception {
        try (DeskHarness h = DeskHarness.create(tmp)) {
            SimulatedReporter fresh = new SimulatedReporter();
            SimulatedReporter old = new SimulatedReporter();
            importFile(h, new ExportBuilder(0).reporter(fresh, fresh.report("Gemeente controle met acht agenten"), TeamFixture.TODAY)
                    .reporter(old, old.report("De verhuurder eist sleutelgeld. Café De Wurg."), TeamFixture.TODAY.minusDays(8))
                    .write(tmp.resolve("d.json")));
            List<Case> list = h.desk.cases("", c -> true);
            assertEquals(old.mailbox(), list.get(0).mailbox());
            assertTrue(list.get(0).deadlines(TeamFixture.TODAY).overdue());
            assertFalse(list.get(1).deadlines(TeamFixture.TODAY).overdue());
            assertEquals(List.of(old.mailbox()), h.desk.cases("cafe SLEUTELGELD", c -> true).stream().map(Case::mailbox).toList());
            assertEquals(List.of(), h.desk.cases("sleutelgeld politie", c -> true));
            h.desk.acknowledge(old.mailbox(), "en", "Thank you");
            assertFalse(h.desk.get(old.mailbox()).orElseThrow().deadlines(TeamFixture.TODAY).overdue());
        }
    }

    @Test
    void aStolenDeskDiskRevealsNoPlaintext() throws Exception {
        SimulatedReporter rep = new SimulatedReporter();
        String note = "Notitie-geheim-5521: ze werkt in de Oudezijds";
        String replyText = "Antwoord-geheim-8813 over uw loonstrook";
        try (DeskHarness h = DeskHarness.create(tmp)) {
            importFile(h, new ExportBuilder(0).reporter(rep, rep.report(STORY), TeamFixture.TODAY)
                    .reporter(rep, rep.message("Vervolg-geheim-4410"), TeamFixture.TODAY).write(tmp.resolve("e.json")));
            h.desk.reply(rep.mailbox(), "nl", replyText);
            h.desk.addNote(rep.mailbox(), note);
            h.desk.label(rep.mailbox(), "label-geheim-3307", true);
            h.desk.assign(rep.mailbox(), "bo");
            var kaart = h.kaart();
            kaart.put(new nl.klachtenbalie.keys.desk.kaart.Organisation("kaart-geheim", "Kaart-geheim-9090", List.of("Utrecht"),
                    List.of("money"), List.of("nl"), "", ""));
        }
        List<String> secrets = List.of(STORY, "Zoëtermeer-unikat-7781", "Vervolg-geheim-4410", note, "Notitie-geheim-5521",
                replyText, "Antwoord-geheim-8813", "label-geheim-3307", "Kaart-geheim-9090", rep.mailbox(),
                rep.keys.replyRecipient(), rep.publicKey());
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(tmp.resolve("desk"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String s : secrets) {
                    for (var cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
                        if (content.contains(new String(s.getBytes(cs), StandardCharsets.ISO_8859_1))) {
                            hits.add(f.getFileName() + " contains " + s);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), hits);
    }
}
