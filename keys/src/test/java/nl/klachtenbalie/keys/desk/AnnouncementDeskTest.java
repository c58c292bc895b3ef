package nl.klachtenbalie.keys.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import nl.klachtenbalie.crypto.age.HybridIdentity;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.crypto.bundle.BundleFixtures;
import nl.klachtenbalie.crypto.event.EventException;
import nl.klachtenbalie.crypto.event.EventOpener;
import nl.klachtenbalie.crypto.event.EventVerifier;
import nl.klachtenbalie.crypto.event.Reply;
import nl.klachtenbalie.keys.cli.CliEnvironment;
import nl.klachtenbalie.keys.cli.KeysCommand;
import nl.klachtenbalie.keys.desk.cases.Case;
import nl.klachtenbalie.keys.desk.cases.Warning;
import nl.klachtenbalie.keys.desk.service.Desk;
import nl.klachtenbalie.keys.desk.service.ImportProgress;
import nl.klachtenbalie.keys.desk.service.OutboxWriter;
import nl.klachtenbalie.keys.desk.store.DeskStore;
import nl.klachtenbalie.keys.desk.team.TeamDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desk's side of the hybrid reply-recipient announcement (protocol §9.2), on a team directory
 * made by the real key ceremony: a classic team, a reporter pinned to its classic recipient, the
 * team's flag day ({@code sign-bundle --switch-to-hybrid}), the reporter's announcement, and the
 * desk's re-pin — replies all-hybrid from then on, the move one-way and surviving a restart.
 */
class AnnouncementDeskTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CliEnvironment env = new CliEnvironment(new ByteArrayInputStream(new byte[0]),
            new ByteArrayOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of("KB_ROOT_PASSPHRASE", "demo", "KB_MEMBER_PASSPHRASE", "demo"), null, false, Clock.systemUTC(),
            new SecureRandom());
    private final LocalDate today = LocalDate.now(Clock.systemUTC());
    private long exported;

    @TempDir
    static Path shared;

    /** The ceremony (scrypt-sealed keys: seconds) runs once; each test gets its own copy of the directory. */
    @BeforeAll
    static void ceremony() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliEnvironment e = new CliEnvironment(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), Map.of("KB_ROOT_PASSPHRASE", "demo",
                "KB_MEMBER_PASSPHRASE", "demo"), null, false, Clock.systemUTC(), new SecureRandom());
        Path team = shared.resolve("team");
        assertEquals(0, KeysCommand.run(e, "team", "create", "--dir", team.toString(), "--deployment",
                BundleFixtures.DEPLOYMENT, "--member", "desk"), out.toString(StandardCharsets.UTF_8));
        assertEquals(0, KeysCommand.run(e, "team", "sign-bundle", "--dir", team.toString()),
                out.toString(StandardCharsets.UTF_8));
    }

    private Path classicTeam() throws IOException {
        Path from = shared.resolve("team");
        Path team = tmp.resolve("team");
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, team.resolve(from.relativize(f).toString()));
            }
        }
        return team;
    }

    private void switchToHybrid(Path team) {
        assertEquals(0, KeysCommand.run(env, "team", "sign-bundle", "--switch-to-hybrid", "--dir", team.toString()),
                err.toString(StandardCharsets.UTF_8));
    }

    /** An open desk over the team directory as it is now; close its store. */
    private record Opened(TeamDirectory team, DeskStore store, Desk desk) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            store.close();
        }
    }

    private Opened desk(Path team) throws IOException {
        TeamDirectory dir = TeamDirectory.open(team, today);
        DeskStore store = DeskStore.open(tmp.resolve("desk"), new SecureRandom());
        return new Opened(dir, store, Desk.open(dir, dir.unlock("desk", "demo".toCharArray()), store,
                Clock.systemUTC(), new SecureRandom()));
    }

    private void importEvents(Desk desk, SimulatedReporter rep, SimulatedReporter.Sealed... events) throws IOException {
        ExportBuilder b = new ExportBuilder(exported);
        for (SimulatedReporter.Sealed e : events) {
            b.reporter(rep, e, today);
        }
        exported += events.length;
        desk.importExport(b.write(tmp.resolve("export-" + exported + ".json")), new ImportProgress());
    }

    private static List<Recipient> recipients(TeamDirectory dir) {
        return List.copyOf(dir.teamRecipients());
    }

    private static String header(byte[] file) {
        String s = new String(file, StandardCharsets.ISO_8859_1);
        return s.substring(0, s.indexOf("\n---"));
    }

    private static List<String> warningKeys(Case c) {
        return c.warnings().stream().map(Warning::key).toList();
    }

    @Test
    void theAnnouncementMovesThePinAndEveryLaterReplyIsHybridOnly() throws Exception {
        Path team = classicTeam();
        SimulatedReporter rep = new SimulatedReporter();
        SimulatedReporter.Sealed report = rep.reportTo("Voor de omschakeling.", recipients(TeamDirectory.open(team,
                today)), 1);
        switchToHybrid(team);
        SimulatedReporter.Sealed announcement;
        try (Opened o = desk(team)) {
            importEvents(o.desk(), rep, report);
            assertEquals(rep.keys.replyRecipient(), o.desk().get(rep.mailbox()).orElseThrow().replyRecipient());
            announcement = rep.announce("Ik ben terug, nu post-quantum.", recipients(o.team()), 2,
                    rep.keys.replyHybridRecipient());
            // The announcement itself: the hybrid team and the reporter's new recipient, no X25519.
            assertFalse(header(announcement.blob()).contains("-> X25519 "));
            importEvents(o.desk(), rep, announcement);
            Case c = o.desk().get(rep.mailbox()).orElseThrow();
            assertEquals(List.of(), warningKeys(c));
            assertEquals(rep.keys.replyHybridRecipient(), c.replyRecipient());
            assertEquals(2, c.conversation().size());
            assertEquals("Ik ben terug, nu post-quantum.", c.conversation().get(1).text());

            o.desk().reply(rep.mailbox(), "nl", "Welkom terug.");
            byte[] reply = outboxReply(o.desk());
            String h = header(reply);
            assertFalse(h.contains("-> X25519 "), "never mixed");
            assertEquals(2, h.split("\n-> mlkem768x25519 ").length - 1, "the member and the reporter");
            // The reporter, keys derived again from the receipt code, reads it with the hybrid identity only.
            SimulatedReporter again = new SimulatedReporter.Again(rep.code).reporter();
            HybridIdentity hybrid = again.keys.replyHybridIdentity();
            Reply r = EventVerifier.reply(new EventOpener(List.of(hybrid)).open(reply).envelope(),
                    BundleFixtures.DEPLOYMENT, rep.mailbox(), o.team().current().payload());
            assertEquals("Welkom terug.", r.text());
            assertEquals(EventException.Kind.DECRYPT, assertThrows(EventException.class,
                    () -> new EventOpener(List.of(again.replyIdentity())).open(reply)).kind());
        }
        // A restart keeps the moved pin: from the sealed case-book snapshot, or by replaying the stored events.
        try (Opened o = desk(team)) {
            assertEquals(rep.keys.replyHybridRecipient(), o.desk().get(rep.mailbox()).orElseThrow().replyRecipient());
        }
    }

    @Test
    void theMoveIsOneWayReplaysSecondAnnouncementsAndEarlyHybridMessagesAreRefused() throws Exception {
        Path team = classicTeam();
        SimulatedReporter rep = new SimulatedReporter();
        SimulatedReporter other = new SimulatedReporter();
        SimulatedReporter.Sealed report = rep.reportTo("Klassiek.", recipients(TeamDirectory.open(team, today)), 1);
        switchToHybrid(team);
        try (Opened o = desk(team)) {
            List<Recipient> hybridTeam = recipients(o.team());
            importEvents(o.desk(), rep, report);
            // Reordered: a hybrid message before the announcement is refused and changes nothing.
            SimulatedReporter.Sealed early = rep.messageTo("Te vroeg.", hybridTeam, 2, rep.keys.replyHybridRecipient());
            importEvents(o.desk(), rep, early);
            Case c = o.desk().get(rep.mailbox()).orElseThrow();
            assertEquals(List.of("warn.recipient.pinned"), warningKeys(c));
            assertEquals(rep.keys.replyRecipient(), c.replyRecipient());
            assertEquals(1, c.conversation().size());

            SimulatedReporter.Sealed announcement = rep.announce("Nu wel.", hybridTeam, 2,
                    rep.keys.replyHybridRecipient());
            importEvents(o.desk(), rep, announcement);
            assertEquals(rep.keys.replyHybridRecipient(), o.desk().get(rep.mailbox()).orElseThrow().replyRecipient());
            // The same announcement again, filed by the server as a later event: refused.
            ExportBuilder replay = new ExportBuilder(exported).event(rep.mailbox(), rep.publicKey(),
                    announcement.seq() + 1, "message", SimulatedReporter.randomEventId(), announcement.blob(), today);
            exported++;
            o.desk().importExport(replay.write(tmp.resolve("replay.json")), new ImportProgress());
            rep.seen(announcement.seq() + 1, announcement.blob());
            // A second announcement, of someone else's hybrid recipient: refused.
            SimulatedReporter.Sealed second = rep.announce("Andere sleutel.", hybridTeam, 2,
                    other.keys.replyHybridRecipient());
            importEvents(o.desk(), rep, second);
            c = o.desk().get(rep.mailbox()).orElseThrow();
            assertEquals(List.of("warn.recipient.pinned", "warn.recipient.pinned", "warn.recipient.pinned"),
                    warningKeys(c));
            assertEquals(rep.keys.replyHybridRecipient(), c.replyRecipient());
            assertEquals(2, c.conversation().size());
            // After the move the reporter writes as a hybrid reporter: accepted.
            rep.seen(second.seq(), second.blob());
            importEvents(o.desk(), rep, rep.messageTo("Gewoon hybride.", hybridTeam, 2,
                    rep.keys.replyHybridRecipient()));
            c = o.desk().get(rep.mailbox()).orElseThrow();
            assertEquals(3, c.conversation().size());
            assertEquals(3, c.warnings().size());
        }
    }

    @Test
    void anAnnouncementNamingAClassicBundleIsRefusedNowAndAfterTheSwitch() throws Exception {
        Path team = classicTeam();
        SimulatedReporter rep = new SimulatedReporter();
        try (Opened o = desk(team)) {
            List<Recipient> classic = recipients(o.team());
            importEvents(o.desk(), rep, rep.reportTo("Klassiek.", classic, 1));
            // (A file cannot mix kinds, so this one goes to the classic team only.)
            importEvents(o.desk(), rep, rep.announce("Te vroeg.", classic, 1, rep.keys.replyHybridRecipient()));
            Case c = o.desk().get(rep.mailbox()).orElseThrow();
            assertEquals(List.of("warn.recipient.announce.team"), warningKeys(c));
            assertEquals(rep.keys.replyRecipient(), c.replyRecipient());
            assertEquals(1, c.conversation().size());
        }
        // The team switches; the desk restarts and replays the stored events: the same verdict.
        switchToHybrid(team);
        try (Opened o = desk(team)) {
            Case c = o.desk().get(rep.mailbox()).orElseThrow();
            assertEquals(List.of("warn.recipient.announce.team"), warningKeys(c));
            assertEquals(rep.keys.replyRecipient(), c.replyRecipient());
            assertEquals(1, c.conversation().size());
        }
    }

    private byte[] outboxReply(Desk desk) throws IOException {
        OutboxWriter.Written w = desk.writeOutbox(Files.createDirectories(tmp.resolve("usb")));
        assertEquals(1, w.replies());
        JsonNode f = JSON.readTree(Files.readAllBytes(w.file()));
        JsonNode payload = JSON.readTree(Base64.getDecoder().decode(f.path("payload").asText()));
        assertTrue(payload.path("replies").size() == 1);
        return Base64.getDecoder().decode(payload.path("replies").get(0).path("blob").asText());
    }
}
