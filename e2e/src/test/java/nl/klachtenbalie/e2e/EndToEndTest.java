package nl.klachtenbalie.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.klachtenbalie.keys.desk.cases.Case;
import nl.klachtenbalie.keys.desk.cases.ConversationItem;
import nl.klachtenbalie.keys.desk.exportfile.ExportReader;
import nl.klachtenbalie.keys.desk.exportfile.ExportRecord;
import nl.klachtenbalie.keys.team.TeamState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop, with nothing simulated: reporters in Chromium (three languages) send reports to
 * the real server; the transfer machine exports them; the desk decrypts and answers; the outbox goes
 * back up; each reporter returns with only the receipt code, sees the verified reply and writes a
 * follow-up; the desk reads it. Finally every byte the server wrote is searched for the codes, the
 * words and the browser's identity.
 */
class EndToEndTest {

    private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

    record Person(String lang, String story, String reply, String followUp) {
    }

    private static final List<Person> PEOPLE = List.of(
            new Person("nl", "De exploitant houdt de helft van mijn fooien in. Uniek-verhaal-NL-7731.",
                    "Dank je. Fooien zijn van jou. Antwoord-NL-5512.", "Mag ik mijn loonstroken opvragen? Vervolg-NL-9920."),
            new Person("ro", "Proprietarul a mărit chiria fără să mă anunțe. Poveste-RO-4410.",
                    "Mulțumim. Chiria nu poate fi mărită așa. Raspuns-RO-2290.", "Ce pot face acum? Urmare-RO-6607."),
            new Person("pl", "Bank zamknął moje konto bez powodu. Historia-PL-8852.",
                    "Dziękujemy. Możesz złożyć skargę w Kifid. Odpowiedz-PL-3318.",
                    // As pasted from another app: a stray control character and a Windows line break.
                    "Czy pomożecie mi napisać skargę?\u0007 Dalej-PL-1174.\r\nDziękuję."));

    @TempDir
    Path tmp;

    @Test
    void reportersAndTheDeskTalkThroughTheRealServer() throws Exception {
        runLoop(false, PEOPLE);
    }

    /**
     * The same loop with hybrid post-quantum keys only (protocol §9): a team made with
     * {@code --hybrid}, so the bundle is all-hybrid and each new reporter pins its hybrid reply
     * recipient. Every age file the server stored or exported has {@code mlkem768x25519} stanzas
     * and no {@code X25519} stanza.
     */
    @Test
    void theSameLoopWithHybridPostQuantumKeysOnly() throws Exception {
        List<byte[]> blobs = runLoop(true, List.of(PEOPLE.get(0), PEOPLE.get(2)));
        assertTrue(blobs.size() >= 6, "reports, follow-ups and replies were exported: " + blobs.size());
        for (byte[] blob : blobs) {
            String header = ageHeader(blob);
            assertTrue(header.contains("\n-> mlkem768x25519 "), header.substring(0, Math.min(200, header.length())));
            assertFalse(header.contains("\n-> X25519 "), "a classic stanza in a hybrid-only deployment");
        }
        List<String> stanzas = hits(tmp.resolve("server"), List.of("-> X25519 ", "-> mlkem768x25519 "));
        assertFalse(stanzas.stream().anyMatch(h -> h.endsWith("-> X25519 ")), "no X25519 stanza on the server: " + stanzas);
        assertTrue(stanzas.stream().anyMatch(h -> h.endsWith("-> mlkem768x25519 ")), "hybrid stanzas on the server");
    }

    /** The age header (up to the MAC line) of a binary age file, as text. */
    private static String ageHeader(byte[] blob) {
        String s = new String(blob, StandardCharsets.ISO_8859_1);
        int end = s.indexOf("\n---");
        assertTrue(s.startsWith("age-encryption.org/v1\n") && end > 0, "an age file");
        return s.substring(0, end + 1);
    }

    /** Runs the loop; returns every blob of both export files (what the desk received). */
    private List<byte[]> runLoop(boolean hybrid, List<Person> people) throws Exception {
        CaseTeam team = new CaseTeam(tmp, "demo-e2e", hybrid);
        List<byte[]> blobs = new ArrayList<>();
        TeamState state = nl.klachtenbalie.keys.team.TeamDirectory.open(team.teamDir).readState();
        try (Operator operator = new Operator(tmp.resolve("server"), team.deploymentId, state.rootKey().hex(),
                HexFormat.of().formatHex(state.argon2Salt()), team.bundle)) {
            Reporter reporter = new Reporter(ROOT.resolve("client-web"), operator.origin());

            Map<Person, String> codes = new LinkedHashMap<>();
            for (Person p : people) {
                codes.put(p, reporter.submit(p.lang(), p.story()));
            }

            operator.login();
            team.openDesk();
            Path export1 = operator.exportTo(tmp.resolve("export-1.json"));
            blobs.addAll(blobsOf(export1, team.deploymentId));
            assertEquals(people.size(), team.importExport(export1).newCases());
            for (Person p : people) {
                Case c = caseWith(team, p.story());
                assertEquals(p.lang(), c.lang(), "the report's language");
                team.reply(c.mailbox(), p.lang(), p.reply());
            }
            JsonNode uploaded = operator.uploadOutbox(team.writeOutbox(tmp.resolve("outbox")).file());
            assertEquals(people.size(), uploaded.get("replies").asInt(), uploaded.toString());

            for (Person p : people) {
                JsonNode seen = reporter.comeBack(p.lang(), codes.get(p), p.reply(), p.followUp());
                assertTrue(seen.get("verified").asInt() >= 1, "the reply is shown as verified: " + seen);
            }

            Path export2 = operator.exportTo(tmp.resolve("export-2.json"));
            blobs.addAll(blobsOf(export2, team.deploymentId));
            team.importExport(export2);
            for (Person p : people) {
                Case c = caseWith(team, p.story());
                List<String> fromReporter = c.conversation().stream().filter(ConversationItem::fromReporter)
                        .map(ConversationItem::text).toList();
                assertTrue(fromReporter.contains(asSent(p.followUp())), "the follow-up reached the desk: " + fromReporter);
                assertTrue(c.warnings().isEmpty(), "no integrity warnings: " + c.warnings());
            }

            List<String> secrets = new ArrayList<>();
            for (Person p : people) {
                String code = codes.get(p);
                secrets.addAll(List.of(code, code.replaceAll("(.{4})(?!$)", "$1 "), p.story(), p.reply(), p.followUp()));
            }
            secrets.addAll(List.of("HeadlessChrome", "Mozilla/5.0", "127.0.0.1"));
            assertEquals(List.of(), hits(operator.dataDir, secrets), "nothing identifying or readable on the server's disk");
        }
        return blobs;
    }

    private static List<byte[]> blobsOf(Path export, String deployment) throws IOException {
        try (var in = Files.newInputStream(export)) {
            return ExportReader.read(in, deployment, n -> { }).records().stream().map(ExportRecord::blob)
                    .filter(java.util.Objects::nonNull).toList();
        }
    }

    /**
     * The text as the browser sends it (protocol §7.6, {@code cleanText}): line breaks as LF, any other
     * control character a space. Before the browser did this, the desk refused such a message outright.
     */
    private static String asSent(String typed) {
        return typed.replace("\r\n", "\n").replace('\u0007', ' ');
    }

    private static Case caseWith(CaseTeam team, String story) {
        return team.cases().stream().filter(c -> c.reportText().equals(story)).findFirst()
                .orElseThrow(() -> new AssertionError("no case with the story " + story));
    }

    /** Every file the server wrote (database, WAL, shared memory, anything else), searched byte for byte. */
    private static List<String> hits(Path dir, List<String> needles) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                for (String n : needles) {
                    for (byte[] form : List.of(n.getBytes(StandardCharsets.UTF_8), n.getBytes(StandardCharsets.UTF_16LE))) {
                        if (indexOf(bytes, form) >= 0) {
                            found.add(f.getFileName() + ": " + n);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
