package nl.klachtenbalie.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written by the first schema opens under the current one with every row intact, the
 * same constraints, and the event tables keyed by their export number.
 */
class MigrationsTest {

    @TempDir
    Path dir;

    @Test
    void aVersionOneDatabaseKeepsEveryRowAndConstraint() throws Exception {
        Path file = dir.resolve("v1.db");
        Jdbi plain = Jdbi.create("jdbc:sqlite:" + file);
        List<String> eventsBefore;
        List<String> blobsBefore;
        try (Handle h = plain.open()) {
            h.createScript(resource("V1__mailboxes.sql")).execute();
            h.execute("PRAGMA user_version = 1");
            fillVersionOne(h);
            eventsBefore = dump(h, "SELECT * FROM events ORDER BY xseq");
            blobsBefore = dump(h, "SELECT * FROM team_blobs ORDER BY xseq");
        }

        List<String> said = new ArrayList<>();
        Jdbi jdbi = Database.open(file, said::add);
        // The operator hears why the start is slow, once, and nothing but version numbers.
        assertEquals(List.of("upgrading the database schema from version 1 to " + Migrations.SCRIPTS.size()
                + " (stored messages may be rewritten once; on a large database this takes minutes)"), said);
        try (Handle h = jdbi.open()) {
            assertEquals(Migrations.SCRIPTS.size(), h.createQuery("PRAGMA user_version").mapTo(Integer.class).one());
            assertEquals(eventsBefore, dump(h, "SELECT * FROM events ORDER BY xseq"));
            assertEquals(blobsBefore, dump(h, "SELECT * FROM team_blobs ORDER BY xseq"));
            assertEquals(4, h.createQuery("SELECT count(*) FROM events").mapTo(Integer.class).one());
        } finally {
            Database.close(jdbi);
        }
        Jdbi again = Database.open(file, said::add);
        assertEquals(1, said.size(), "an up-to-date database opens silently: " + said);
        try (Handle h = again.open()) {
            byte[] a = id(1);
            // Each v1 constraint still holds: seq per mailbox, retry key, event id, export number, kind.
            assertRefused(h, a, 1, id(90), id(91), 0, "message", 90);
            assertRefused(h, a, 9, id(92), id(11), 0, "message", 92);
            assertRefused(h, a, 9, id(10), id(93), 0, "message", 93);
            assertRefused(h, a, 9, id(94), id(95), 0, "message", 2);
            assertRefused(h, a, 9, id(96), id(97), 0, "sticker", 96);
            assertThrows(UnableToExecuteStatementException.class, () -> h.execute(
                    "INSERT INTO team_blobs (event_id, day, xseq, blob) VALUES (?, '2026-12-01', 98, x'00')", id(20)));
            assertEquals(4, h.createQuery("SELECT count(*) FROM events").mapTo(Integer.class).one());
        } finally {
            Database.close(again);
        }
    }

    @Test
    void seeksNeverWalkTheCiphertext() {
        List<String> said = new ArrayList<>();
        Jdbi jdbi = Database.open(dir.resolve("plan.db"), said::add);
        assertEquals(List.of(), said, "a new database is created silently");
        try (Handle h = jdbi.open()) {
            for (Map.Entry<String, String> t : tables(h).entrySet()) {
                if (t.getKey().equals("events") || t.getKey().equals("team_blobs")) {
                    // A WITHOUT ROWID table's b-tree key is the whole row: every seek would read
                    // other rows' ciphertext from their overflow pages.
                    assertFalse(t.getValue().toUpperCase().contains("WITHOUT ROWID"), t.getValue());
                }
            }
            String export = plan(h, "SELECT blob FROM events WHERE xseq > 5 AND xseq <= 9");
            assertTrue(export.contains("INTEGER PRIMARY KEY"), export);
            for (String q : List.of(
                    "SELECT seq FROM events WHERE mailbox_id = x'00' AND client_event_id = x'01' ORDER BY part LIMIT 1",
                    "SELECT count(*) FROM events WHERE mailbox_id = x'00' AND day = '2026-12-01' AND kind = 'message'",
                    "SELECT COALESCE(MAX(seq), 0) FROM events WHERE mailbox_id = x'00'",
                    "SELECT count(*) FROM team_blobs WHERE event_id = x'00'")) {
                String p = plan(h, q);
                assertFalse(p.contains("SCAN"), q + " -> " + p);
                assertTrue(p.contains("USING COVERING INDEX") || p.contains("USING INDEX"), q + " -> " + p);
            }
        } finally {
            Database.close(jdbi);
        }
    }

    private static void fillVersionOne(Handle h) {
        h.execute("INSERT INTO mailboxes (mailbox_id, public_key, last_day, total_bytes) VALUES (?, ?, '2026-12-01', 300)", id(1), key());
        h.execute("INSERT INTO mailboxes (mailbox_id, public_key, last_day, total_bytes) VALUES (?, ?, '2026-12-02', 100)", id(2), key());
        insertEvent(h, id(1), 1, id(10), id(11), 0, "report", 1);
        insertEvent(h, id(1), 2, id(12), id(11), 1, "attachment", 2);
        insertEvent(h, id(2), 1, id(13), id(14), 0, "report", 3);
        insertEvent(h, id(1), 3, id(15), id(16), 0, "message", 5);
        h.execute("INSERT INTO team_blobs (event_id, day, xseq, blob) VALUES (?, '2026-12-01', 4, ?)", id(20), new byte[5000]);
        h.execute("INSERT INTO tombstones (mailbox_id, reason, day, xseq) VALUES (?, 'forget', '2026-12-02', 6)", id(3));
        h.execute("UPDATE counters SET value = 6 WHERE name = 'xseq'");
    }

    private static void insertEvent(Handle h, byte[] mailbox, long seq, byte[] eventId, byte[] clientEventId, int part,
            String kind, long xseq) {
        byte[] blob = new byte[3000 + (int) xseq * 1000]; // larger than a page: overflow pages, like real ciphertext
        blob[0] = (byte) xseq;
        h.execute("INSERT INTO events (mailbox_id, seq, event_id, client_event_id, part, kind, day, xseq, blob) "
                + "VALUES (?, ?, ?, ?, ?, ?, '2026-12-01', ?, ?)", mailbox, seq, eventId, clientEventId, part, kind, xseq, blob);
    }

    private static void assertRefused(Handle h, byte[] mailbox, long seq, byte[] eventId, byte[] clientEventId, int part,
            String kind, long xseq) {
        assertThrows(UnableToExecuteStatementException.class, () -> insertEvent(h, mailbox, seq, eventId, clientEventId, part, kind, xseq));
    }

    private static List<String> dump(Handle h, String sql) {
        return h.createQuery(sql).mapToMap().list().stream()
                .map(row -> new TreeMap<>(row).entrySet().stream()
                        .map(e -> e.getKey() + "=" + (e.getValue() instanceof byte[] b ? HexFormat.of().formatHex(b) : e.getValue()))
                        .collect(Collectors.joining(",")))
                .toList();
    }

    private static Map<String, String> tables(Handle h) {
        Map<String, String> out = new TreeMap<>();
        h.createQuery("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL").map((rs, ctx) -> Map.entry(rs.getString(1),
                rs.getString(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static String plan(Handle h, String sql) {
        return String.join(" | ", h.createQuery("EXPLAIN QUERY PLAN " + sql).map((rs, ctx) -> rs.getString("detail")).list());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MigrationsTest.class.getResourceAsStream("/db/migration/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] id(int n) {
        byte[] b = new byte[16];
        b[15] = (byte) n;
        return b;
    }

    private static byte[] key() {
        byte[] k = new byte[32];
        k[0] = 1;
        return k;
    }
}
