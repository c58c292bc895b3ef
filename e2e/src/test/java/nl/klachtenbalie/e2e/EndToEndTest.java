package nl.klachtenbalie.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
                    "Dziękujemy. Możesz złożyć skargę w Kifid. Odpowiedz-PL-3318.", "Czy pomożecie mi napisać skargę? Dalej-PL-1174."));

    @TempDir
    Path tmp;

    @Test
    void reportersAndTheDeskTalkThroughTheRealServer() throws Exception {
        CaseTeam team = new CaseTeam(tmp, "demo-e2e");
        TeamState state = nl.klachtenbalie.keys.team.TeamDirectory.open(team.teamDir).readState();
        try (Operator operator = new Operator(tmp.resolve("server"), team.deploymentId, state.rootKey().hex(),
                HexFormat.of().formatHex(state.argon2Salt()), team.bundle)) {
            Reporter reporter = new Reporter(ROOT.resolve("client-web"), operator.origin());

            Map<Person, String> codes = new LinkedHashMap<>();
            for (Person p : PEOPLE) {
                codes.put(p, reporter.submit(p.lang(), p.story()));
            }

            operator.login();
            team.openDesk();
            assertEquals(3, team.importExport(operator.exportTo(tmp.resolve("export-1.json"))).newCases());
            for (Person p : PEOPLE) {
                Case c = caseWith(team, p.story());
                assertEquals(p.lang(), c.lang(), "the report's language");
                team.reply(c.mailbox(), p.lang(), p.reply());
            }
            JsonNode uploaded = operator.uploadOutbox(team.writeOutbox(tmp.resolve("outbox")).file());
            assertEquals(3, uploaded.get("replies").asInt(), uploaded.toString());

            for (Person p : PEOPLE) {
                JsonNode seen = reporter.comeBack(p.lang(), codes.get(p), p.reply(), p.followUp());
                assertTrue(seen.get("verified").asInt() >= 1, "the reply is shown as verified: " + seen);
            }

            team.importExport(operator.exportTo(tmp.resolve("export-2.json")));
            for (Person p : PEOPLE) {
                Case c = caseWith(team, p.story());
                List<String> fromReporter = c.conversation().stream().filter(ConversationItem::fromReporter)
                        .map(ConversationItem::text).toList();
                assertTrue(fromReporter.contains(p.followUp()), "the follow-up reached the desk: " + fromReporter);
                assertTrue(c.warnings().isEmpty(), "no integrity warnings: " + c.warnings());
            }

            List<String> secrets = new ArrayList<>();
            for (Person p : PEOPLE) {
                String code = codes.get(p);
                secrets.addAll(List.of(code, code.replaceAll("(.{4})(?!$)", "$1 "), p.story(), p.reply(), p.followUp()));
            }
            secrets.addAll(List.of("HeadlessChrome", "Mozilla/5.0", "127.0.0.1"));
            assertEquals(List.of(), hits(operator.dataDir, secrets), "nothing identifying or readable on the server's disk");
        }
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
