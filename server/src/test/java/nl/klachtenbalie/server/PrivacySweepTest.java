package nl.klachtenbalie.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole reporter and team session with identifying material in every place a client can put it
 * (User-Agent, X-Forwarded-For, a cookie, a receipt-like string in fields the server must ignore or
 * refuse), then a search of stdout, stderr, every file in the data directory and a dump of every
 * table for any of it, and for the client's address. Zero hits.
 */
class PrivacySweepTest {

    static final String USER_AGENT = "SweepAgent/9.3 (Ultra-Distinctive-UA-4f2a)";
    static final String FORWARDED = "203.0.113.77";
    static final String COOKIE = "session=cookie-9e1d-distinctive";
    static final String RECEIPT = "1834 5529 0071 4466 9203 5517";

    @TempDir
    Path dir;

    @Test
    void nothingIdentifyingIsKeptAnywhere() throws Exception {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        Path dataDir;
        List<String> dump;
        try (TestServer s = TestServer.start(dir, Map.of())) {
            dataDir = s.config.dataDir();
            String[] headers = {"User-Agent", USER_AGENT, "X-Forwarded-For", FORWARDED, "Forwarded", "for=" + FORWARDED,
                "X-Real-IP", FORWARDED, "Cookie", COOKIE, "Referer", "https://example.org/?r=" + RECEIPT.replace(" ", "")};
            Reporter r = new Reporter(s);
            r.extraHeaders = headers;
            assertEquals(200, r.create(Reporter.randomId(), Blobs.fake(2048), List.of(Blobs.fake(8192))).statusCode());
            assertEquals(200, r.append(Reporter.randomId(), Blobs.fake(2048)).statusCode());
            assertEquals(200, r.events(0).statusCode());
            // The receipt goes where a careless client might put it: an ignored challenge body and an unknown field.
            s.post("/api/v1/challenge", ("{\"receipt\":\"" + RECEIPT + "\"}").getBytes(StandardCharsets.UTF_8), headers);
            String nonce = r.challenge();
            var body = r.base(nonce);
            body.put("after", 0);
            body.put("receipt", RECEIPT);
            assertEquals(400, r.send("/api/v1/mailbox/events", nonce, body).statusCode());
            s.get("/?receipt=" + RECEIPT.replace(" ", "+"), headers);

            TeamClient team = new TeamClient(s, "sweep");
            assertEquals(401, s.post(team.path("/api/login"), ("{\"name\":\"" + RECEIPT + "\",\"password\":\"x\",\"totp\":\"123456\"}")
                    .getBytes(StandardCharsets.UTF_8), headers).statusCode());
            team.login();
            assertEquals(200, s.post(team.path("/api/export"), "{}".getBytes(StandardCharsets.US_ASCII),
                    concat(headers, "Authorization", "Bearer " + team.token)).statusCode());
            assertEquals(200, s.post(team.path("/api/outbox"), TeamClient.outbox(s.team.memberSigningKey(),
                    List.<byte[][]>of(new byte[][] {r.mailbox, Reporter.randomId(), Blobs.fake(2048)}), List.of(), List.of()),
                    concat(headers, "Authorization", "Bearer " + team.token)).statusCode());
            assertEquals(200, r.delete().statusCode());
            dump = dumpAllTables(s);
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }

        List<String> needles = List.of(USER_AGENT, "Ultra-Distinctive", FORWARDED, "cookie-9e1d", RECEIPT,
                RECEIPT.replace(" ", ""), "127.0.0.1", "example.org", "SweepAgent");
        List<String> hits = new ArrayList<>();
        String out = captured.toString(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String n : needles) {
                    if (content.contains(n) || content.contains(new String(n.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1))) {
                        hits.add(n + " in " + f.getFileName());
                    }
                }
            }
        }
        for (String n : needles) {
            if (out.contains(n)) {
                hits.add(n + " in stdout/stderr");
            }
            for (String row : dump) {
                if (row.contains(n)) {
                    hits.add(n + " in table row " + row.substring(0, Math.min(60, row.length())));
                }
            }
        }
        assertEquals(List.of(), hits);
        assertEquals(true, dump.size() > 3, "the dump saw the tables");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Every row of every table (including SQLite's own), text columns as text and blobs as hex and Latin-1. */
    private static List<String> dumpAllTables(TestServer s) {
        return s.server.jdbi().withHandle(h -> {
            List<String> rows = new ArrayList<>();
            List<String> tables = h.createQuery("SELECT name FROM sqlite_master WHERE type = 'table'").mapTo(String.class).list();
            rows.add("tables: " + tables);
            for (String t : tables) {
                for (Map<String, Object> row : h.createQuery("SELECT * FROM \"" + t + "\"").mapToMap().list()) {
                    StringBuilder sb = new StringBuilder(t).append(':');
                    for (Object v : row.values()) {
                        if (v instanceof byte[] b) {
                            sb.append(HexFormat.of().formatHex(b)).append('|').append(new String(b, StandardCharsets.ISO_8859_1));
                        } else {
                            sb.append(v);
                        }
                        sb.append(';');
                    }
                    rows.add(sb.toString());
                }
            }
            return rows;
        });
    }
}
