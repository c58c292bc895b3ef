package nl.klachtenbalie.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import nl.klachtenbalie.keys.desk.cases.Case;
import nl.klachtenbalie.keys.desk.cases.ConversationItem;
import nl.klachtenbalie.keys.desk.exportfile.ExportReader;
import nl.klachtenbalie.keys.desk.exportfile.ExportRecord;
import nl.klachtenbalie.keys.team.TeamState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post-quantum flag day for a reporter who reported before it (protocol §9.2), with nothing
 * simulated: a classic team; a reporter reports in Chromium (its mailbox is pinned to its classic
 * reply recipient); the team switches to hybrid ({@code sign-bundle --switch-to-hybrid}) and the
 * operator publishes the new bundle; the desk answers the classic way; the reporter comes back in
 * Chromium, reads that reply and writes — its message announces its hybrid reply recipient; the
 * desk re-pins and answers again, and that reply (and everything after it) is hybrid-only; the
 * reporter reads it.
 */
class FlagDayTest {

    private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String STORY = "Mijn kamerhuur is verdubbeld. Verhaal-FD-4471.";
    private static final String REPLY_1 = "Dank je, we kijken ernaar. Antwoord-FD-1190.";
    private static final String ANNOUNCING = "Hebben jullie al iets gehoord? Bericht-FD-3302.";
    private static final String REPLY_2 = "Ja: de verhuurder mag dit niet. Antwoord-FD-2281.";
    private static final String LATER = "Dank jullie wel. Bericht-FD-5563.";

    @TempDir
    Path tmp;

    @Test
    void aClassicReporterAnnouncesItsHybridRecipientAndGetsHybridRepliesFromThenOn() throws Exception {
        CaseTeam team = new CaseTeam(tmp, "demo-e2e", false);
        TeamState state = nl.klachtenbalie.keys.team.TeamDirectory.open(team.teamDir).readState();
        try (Operator operator = new Operator(tmp.resolve("server"), team.deploymentId, state.rootKey().hex(),
                HexFormat.of().formatHex(state.argon2Salt()), team.bundle)) {
            Reporter reporter = new Reporter(ROOT.resolve("client-web"), operator.origin());
            String code = reporter.submit("nl", STORY);

            // The flag day, after the report.
            Path hybridBundle = team.switchToHybrid();
            operator.login();
            assertEquals(2, operator.publishBundle(hybridBundle).get("version").asInt());

            team.openDesk();
            Path export1 = operator.exportTo(tmp.resolve("export-1.json"));
            assertEquals(1, team.importExport(export1).newCases());
            for (byte[] blob : blobsOf(export1, team.deploymentId)) {
                assertEquals(List.of("X25519"), stanzaTypes(blob), "the report was sent before the flag day");
            }
            Case c = onlyCase(team);
            assertTrue(c.replyRecipient().startsWith("age1") && !c.replyRecipient().startsWith("age1pq1"));
            team.reply(c.mailbox(), "nl", REPLY_1);
            List<byte[]> outbox1 = upload(team, operator, "outbox-1");
            // Before the announcement: the classic pin, so the reply is classic-only (never mixed).
            assertEquals(List.of("X25519"), stanzaTypes(outbox1.get(0)));

            // The reporter comes back to a hybrid bundle: its message announces the hybrid recipient
            // and is encrypted to it, so the page shows it back.
            JsonNode first = reporter.comeBack("nl", code, REPLY_1, ANNOUNCING);
            assertTrue(first.get("reread").asBoolean(), "the announcing message is rereadable: " + first);

            Path export2 = operator.exportTo(tmp.resolve("export-2.json"));
            team.importExport(export2);
            c = onlyCase(team);
            assertTrue(c.warnings().isEmpty(), "no integrity warnings: " + c.warnings());
            assertTrue(c.replyRecipient().startsWith("age1pq1"), "the desk re-pinned the case to the hybrid recipient");
            assertTrue(fromReporter(c).contains(ANNOUNCING), "the announcing message reached the desk");
            byte[] announcement = recordOf(export2, team.deploymentId, "message");
            assertEquals(List.of("mlkem768x25519"), stanzaTypes(announcement), "the announcement is hybrid-only");

            team.reply(c.mailbox(), "nl", REPLY_2);
            List<byte[]> outbox2 = upload(team, operator, "outbox-2");
            assertEquals(List.of("mlkem768x25519"), stanzaTypes(outbox2.get(0)), "the reply after the re-pin");

            JsonNode second = reporter.comeBack("nl", code, REPLY_2, LATER);
            assertTrue(second.get("verified").asInt() >= 2, "both replies are shown as verified: " + second);
            assertTrue(second.get("reread").asBoolean(), "a hybrid reporter rereads its messages: " + second);

            Path export3 = operator.exportTo(tmp.resolve("export-3.json"));
            List<byte[]> after = blobsOf(export3, team.deploymentId);
            assertEquals(2, after.size(), "the hybrid reply and the reporter's next message");
            for (byte[] blob : after) {
                assertEquals(List.of("mlkem768x25519"), stanzaTypes(blob), "every file after the re-pin is hybrid-only");
            }
            team.importExport(export3);
            c = onlyCase(team);
            assertTrue(fromReporter(c).contains(LATER), "the reporter's next message reached the desk");
            assertTrue(c.warnings().isEmpty(), "no integrity warnings: " + c.warnings());
        }
    }

    private static List<byte[]> upload(CaseTeam team, Operator operator, String dir) throws Exception {
        Path file = team.writeOutbox(tmp(team, dir)).file();
        JsonNode uploaded = operator.uploadOutbox(file);
        assertEquals(1, uploaded.get("replies").asInt(), uploaded.toString());
        JsonNode f = JSON.readTree(Files.readAllBytes(file));
        JsonNode payload = JSON.readTree(Base64.getDecoder().decode(f.path("payload").asText()));
        return java.util.stream.StreamSupport.stream(payload.path("replies").spliterator(), false)
                .map(r -> Base64.getDecoder().decode(r.path("blob").asText())).toList();
    }

    private static Path tmp(CaseTeam team, String dir) {
        return team.teamDir.resolveSibling(dir);
    }

    private static Case onlyCase(CaseTeam team) {
        List<Case> cases = team.cases();
        assertEquals(1, cases.size());
        return cases.get(0);
    }

    private static List<String> fromReporter(Case c) {
        return c.conversation().stream().filter(ConversationItem::fromReporter).map(ConversationItem::text).toList();
    }

    /** The distinct stanza types in an age file's header, in order of first appearance. */
    private static List<String> stanzaTypes(byte[] blob) {
        String s = new String(blob, StandardCharsets.ISO_8859_1);
        int end = s.indexOf("\n---");
        assertTrue(s.startsWith("age-encryption.org/v1\n") && end > 0, "an age file");
        return s.substring(0, end).lines().filter(l -> l.startsWith("-> ")).map(l -> l.split(" ")[1]).distinct()
                .toList();
    }

    private static List<ExportRecord> records(Path export, String deployment) throws IOException {
        try (var in = Files.newInputStream(export)) {
            return ExportReader.read(in, deployment, n -> { }).records();
        }
    }

    private static List<byte[]> blobsOf(Path export, String deployment) throws IOException {
        return records(export, deployment).stream().map(ExportRecord::blob).filter(java.util.Objects::nonNull).toList();
    }

    private static byte[] recordOf(Path export, String deployment, String kind) throws IOException {
        List<byte[]> found = records(export, deployment).stream().filter(r -> kind.equals(r.kind()))
                .map(ExportRecord::blob).toList();
        assertEquals(1, found.size(), "one " + kind + " in the export");
        return found.get(0);
    }
}
