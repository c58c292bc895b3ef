package nl.klachtenbalie.keys.desk.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import nl.klachtenbalie.crypto.age.AgeDecrypter;
import nl.klachtenbalie.crypto.age.AgeEncrypter;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.crypto.age.X25519Identity;
import nl.klachtenbalie.crypto.bundle.BundleFixtures;
import nl.klachtenbalie.crypto.event.AttachmentRef;
import nl.klachtenbalie.crypto.event.EventFixtures;
import nl.klachtenbalie.crypto.event.EventSealer;
import nl.klachtenbalie.crypto.event.InternalEvent;
import nl.klachtenbalie.crypto.event.ReportForm;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.keys.desk.DeskHarness;
import nl.klachtenbalie.keys.desk.ExportBuilder;
import nl.klachtenbalie.keys.desk.SimulatedReporter;
import nl.klachtenbalie.keys.desk.TeamFixture;
import nl.klachtenbalie.keys.desk.cases.Case;
import nl.klachtenbalie.keys.desk.cases.CaseState;
import nl.klachtenbalie.keys.desk.store.DeskStore;
import nl.klachtenbalie.keys.desk.store.IndexCover;
import nl.klachtenbalie.keys.desk.team.TeamDirectory;
import nl.klachtenbalie.keys.desk.team.UnlockedMember;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sealed case-book snapshot: used when it covers the index exactly (and then the open decrypts
 * nothing), and otherwise — missing, stale, tampered, swapped in from another store, forged by a key
 * outside the team — ignored in favour of replaying every event, with the same cases as before.
 */
class CaseBookSnapshotTest {

    @TempDir
    Path tmp;

    private Path teamDir;
    private Path deskDir;
    private final List<SimulatedReporter> reporters = new ArrayList<>();

    /** An open desk with its counter. */
    record Opened(Desk desk, DeskStore store, CountingCodec codec) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            store.close();
        }
    }

    Opened open(String member) throws Exception {
        TeamDirectory team = TeamDirectory.open(teamDir, TeamFixture.TODAY);
        UnlockedMember me = team.unlock(member, TeamFixture.PASSPHRASE.toCharArray());
        DeskStore store = DeskStore.open(deskDir, new SecureRandom());
        CountingCodec codec = new CountingCodec();
        return new Opened(Desk.open(team, me, store, TeamFixture.CLOCK, new SecureRandom(), codec), store, codec);
    }

    @BeforeEach
    void buildAStoreWithEveryKindOfState() throws Exception {
        teamDir = TeamFixture.write(Files.createDirectories(tmp.resolve("team")));
        deskDir = tmp.resolve("desk");
        SimulatedReporter a = new SimulatedReporter();
        SimulatedReporter b = new SimulatedReporter();
        SimulatedReporter late = new SimulatedReporter();
        reporters.addAll(List.of(a, b, late));
        EventSealer sealer = new EventSealer(BundleFixtures.DEPLOYMENT, new SecureRandom());
        byte[] boNoteForLate = sealer.sealInternal(new InternalEvent("bo", TeamFixture.TODAY, late.mailbox(),
                InternalEvent.Type.NOTE, "notitie van bo voor een melding die nog komt"), EventFixtures.memberKey("bo"),
                TeamFixture.teamRecipients());
        ReportForm form = new ReportForm(ReportForm.Kind.COMPLAINT, ReportForm.About.EXPLOITANT, ReportForm.Topic.MONEY,
                "Utrecht", YearMonth.of(2026, 2), ReportForm.Wants.RIGHTS_INFO, ReportForm.Consent.ANONYMOUS,
                ReportForm.Reporter.SELF, "pl", null);
        List<SimulatedReporter.Sealed> aReport = a.report("Fooien ingehouden, geen loonstrook. sneeuwuil-4411", form,
                List.of(DeskHarness.image("png", Color.BLUE)), List.of(AttachmentRef.ImageType.PNG));
        SimulatedReporter.Sealed bReport = b.report("Huur een jaar vooruit. zeekoe-0932");
        ExportBuilder export = new ExportBuilder(0);
        aReport.forEach(e -> export.reporter(a, e, TeamFixture.TODAY.minusDays(3)));
        export.reporter(a, a.message("Nog een vraag over de kamerhuur."), TeamFixture.TODAY.minusDays(2));
        export.reporter(b, bReport, TeamFixture.TODAY.minusDays(20));
        // a report spliced under another mailbox: a desk warning that must survive the snapshot
        export.event(a.mailbox(), b.publicKey(), bReport, TeamFixture.TODAY);
        export.internal(randomEventId(), boNoteForLate, TeamFixture.TODAY);
        try (DeskHarness h = new DeskHarness(teamDir, deskDir, "anna")) {
            h.desk.importExport(export.write(tmp.resolve("export-1.json")), new ImportProgress());
            h.desk.acknowledge(a.mailbox(), "pl", "Dzień dobry, mamy Twoją wiadomość.");
            h.desk.addNote(a.mailbox(), "Lijkt op de zaak van vorige maand");
            h.desk.label(a.mailbox(), "fooien", true);
            h.desk.assign(b.mailbox(), "bo");
            h.desk.setState(b.mailbox(), CaseState.CLOSED);
            h.desk.requestPurge(b.mailbox(), true);
        }
    }

    @Test
    void aFreshSnapshotOpensWithoutDecryptingAnyEventAndShowsWhatAReplayShows() throws Exception {
        String replayed;
        int events;
        Files.delete(deskDir.resolve(CaseBookSnapshot.DOCUMENT));
        try (Opened o = open("anna")) {
            assertEquals(Desk.Opened.REPLAY, o.desk().opened());
            events = o.codec().opened.get();
            assertTrue(events >= 9, "the replay decrypted every event: " + events);
            replayed = describe(o.desk());
        }
        try (Opened o = open("anna")) {
            assertEquals(Desk.Opened.SNAPSHOT, o.desk().opened());
            assertEquals(0, o.codec().opened.get(), "no event decrypted");
            assertEquals(replayed, describe(o.desk()));
            // the waiting note from bo is in the snapshot: it applies when the report arrives
            SimulatedReporter late = reporters.get(2);
            o.desk().importExport(new ExportBuilder(10).reporter(late, late.report("Laat verhaal"), TeamFixture.TODAY)
                    .write(tmp.resolve("export-2.json")), new ImportProgress());
            assertEquals(List.of("notitie van bo voor een melding die nog komt"),
                    o.desk().get(late.mailbox()).orElseThrow().notes().stream().map(n -> n.text()).toList());
            replayed = describe(o.desk());
        }
        try (Opened o = open("bo")) {
            assertEquals(Desk.Opened.SNAPSHOT, o.desk().opened(), "another active member's snapshot verifies");
            assertEquals(0, o.codec().opened.get());
            assertEquals(replayed, describe(o.desk()));
            assertEquals(1, o.desk().cases("zeekoe", c -> true).size(), "search works on the restored book");
        }
    }

    @Test
    void missingStaleTamperedOrSwappedSnapshotsAreReplayedWithTheSameCases() throws Exception {
        Path snapshot = deskDir.resolve(CaseBookSnapshot.DOCUMENT);
        String before;
        try (Opened o = open("anna")) {
            assertEquals(Desk.Opened.SNAPSHOT, o.desk().opened());
            before = describe(o.desk());
        }
        byte[] good = Files.readAllBytes(snapshot);

        // missing
        Files.delete(snapshot);
        assertReplayedAs(before);
        assertTrue(Files.exists(snapshot), "the replay sealed a new snapshot");
        try (Opened o = open("anna")) {
            assertEquals(Desk.Opened.SNAPSHOT, o.desk().opened());
        }

        // tampered ciphertext
        byte[] bad = good.clone();
        bad[bad.length - 40] ^= 1;
        Files.write(snapshot, bad);
        assertReplayedAs(before);

        // not even age
        Files.writeString(snapshot, "not a snapshot");
        assertReplayedAs(before);

        // stale: one more event since the snapshot was written
        Files.write(snapshot, good);
        String after;
        try (Opened o = open("anna")) {
            o.desk().addNote(reporters.get(0).mailbox(), "nieuwe notitie");
            after = describe(o.desk());
        }
        Files.write(snapshot, good);
        assertReplayedAs(after);
        assertNotEquals(before, after);

        // swapped in from another desk store of the same team (validly signed, covers another index)
        Path otherDesk = tmp.resolve("other-desk");
        try (DeskHarness other = new DeskHarness(teamDir, otherDesk, "anna")) {
            SimulatedReporter x = new SimulatedReporter();
            other.desk.importExport(new ExportBuilder(0).reporter(x, x.report("ander verhaal"), TeamFixture.TODAY)
                    .write(tmp.resolve("other.json")), new ImportProgress());
        }
        Files.copy(otherDesk.resolve(CaseBookSnapshot.DOCUMENT), snapshot, StandardCopyOption.REPLACE_EXISTING);
        assertReplayedAs(after);
    }

    @Test
    void aSnapshotSignedByAKeyOutsideTheTeamOrEditedAfterSigningIsRefused() throws Exception {
        Path snapshot = deskDir.resolve(CaseBookSnapshot.DOCUMENT);
        String before;
        try (Opened o = open("anna")) {
            before = describe(o.desk());
        }
        List<Identity> anna = List.of(EventFixtures.memberIdentity("anna"));
        byte[] plain = new AgeDecrypter().decrypt(Files.readAllBytes(snapshot), anna);
        int lf = CaseBookSnapshot.headerEnd(plain);
        String header = new String(plain, 0, lf, StandardCharsets.US_ASCII);
        String[] h = header.split(" ");
        IndexCover cover = new IndexCover(Integer.parseInt(h[3]), h[4]);
        String body = inflate(java.util.Arrays.copyOfRange(plain, lf + 1, plain.length));
        assertTrue(body.contains("sneeuwuil-4411"));
        byte[] forged = deflate(body.replace("sneeuwuil-4411", "vervalst-0000"));

        // sanity: the forgery below differs only in the body; resealed by anna's real key it is accepted
        write(snapshot, "anna", EventFixtures.memberKey("anna"), cover, forged);
        try (Opened o = open("anna")) {
            assertEquals(Desk.Opened.SNAPSHOT, o.desk().opened());
            assertTrue(describe(o.desk()).contains("vervalst-0000"), "a member's key is trusted, as for notes");
        }
        // the edited body under anna's name, signed by a key of another team
        write(snapshot, "anna", Ed25519PrivateKey.generate(new SecureRandom()), cover, forged);
        assertReplayedAs(before);
        // the edited body with the original signature
        byte[] headerBytes = (header + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] spliced = new byte[headerBytes.length + forged.length];
        System.arraycopy(headerBytes, 0, spliced, 0, headerBytes.length);
        System.arraycopy(forged, 0, spliced, headerBytes.length, forged.length);
        writeRaw(snapshot, spliced, TeamFixture.teamRecipients());
        assertReplayedAs(before);
        // a member the bundles do not list, and a compromised one (dee)
        write(snapshot, "mallory", Ed25519PrivateKey.generate(new SecureRandom()), cover, forged);
        assertReplayedAs(before);
        write(snapshot, "dee", EventFixtures.memberKey("dee"), cover, forged);
        assertReplayedAs(before);
        // encrypted to another team's recipient: not for us
        X25519Identity stranger = X25519Identity.generate(new SecureRandom());
        writeRaw(snapshot, CaseBookSnapshot.seal("anna", EventFixtures.memberKey("anna"), BundleFixtures.DEPLOYMENT,
                h[2], cover, forged), List.of(stranger.recipient()));
        assertReplayedAs(before);
    }

    private void assertReplayedAs(String expected) throws Exception {
        try (Opened o = open("anna")) {
            assertEquals(Desk.Opened.REPLAY, o.desk().opened());
            assertTrue(o.codec().opened.get() > 0);
            assertEquals(expected, describe(o.desk()));
            assertFalse(describe(o.desk()).contains("vervalst"));
        }
    }

    private static void write(Path snapshot, String signer, Ed25519PrivateKey key, IndexCover cover, byte[] body)
            throws Exception {
        writeRaw(snapshot, CaseBookSnapshot.seal(signer, key, BundleFixtures.DEPLOYMENT,
                nl.klachtenbalie.keys.desk.cases.CaseSchema.hash(), cover, body), TeamFixture.teamRecipients());
    }

    private static String inflate(byte[] b) throws Exception {
        try (var in = new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream(b))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] deflate(String s) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (var d = new java.util.zip.DeflaterOutputStream(out)) {
            d.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void writeRaw(Path snapshot, byte[] plain, List<? extends Recipient> to) throws Exception {
        Files.write(snapshot, new AgeEncrypter(new SecureRandom()).encrypt(plain, to));
    }

    private static String randomEventId() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    /** Everything the desk shows about every case, in list order, plus the desk warnings and a search. */
    static String describe(Desk desk) {
        StringBuilder sb = new StringBuilder();
        for (Case c : desk.cases("", x -> true)) {
            sb.append(c.mailbox()).append('|').append(c.mailboxKey()).append('|').append(c.replyRecipient()).append('|')
                    .append(c.reportDay()).append('|').append(new java.util.TreeMap<>(c.form())).append('|').append(c.lang())
                    .append('|').append(c.photos()).append('|').append(c.notes()).append('|').append(c.warnings())
                    .append('|').append(new java.util.TreeSet<>(c.labels())).append('|').append(c.state()).append('|')
                    .append(c.assignee()).append('|').append(c.lastReporterHash()).append('|').append(c.nextReplySeq())
                    .append('|').append(c.purgeRequested()).append('|').append(c.deadlines(desk.today())).append('\n');
            // arrival counters are relative; the order they give is what is shown
            c.conversation().forEach(i -> sb.append("  ").append(i.eventId()).append(' ').append(i.from()).append(' ')
                    .append(i.seq()).append(' ').append(i.replySeq()).append(' ').append(i.day()).append(' ')
                    .append(i.lang()).append(' ').append(i.signer()).append(' ').append(i.delivered()).append(' ')
                    .append(i.text()).append('\n'));
            for (Object a : c.warnings().stream().flatMap(w -> w.args().stream()).toList()) {
                sb.append("  arg ").append(a.getClass().getSimpleName()).append('\n');
            }
        }
        sb.append("desk: ").append(desk.deskWarnings()).append('\n');
        desk.deskWarnings().forEach(w -> w.args().forEach(a -> sb.append("  arg ").append(a.getClass().getSimpleName()).append('\n')));
        sb.append("search: ").append(desk.cases("loonstrook", x -> true).stream().map(Case::mailbox).toList()).append('\n');
        return sb.toString();
    }
}
