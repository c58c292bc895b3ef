package nl.klachtenbalie.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade from schema 1 to schema 2 rewrites every stored event in one transaction. A server killed
 * with SIGKILL while it upgrades (a child JVM, {@link MigrationChild}, killed at a random moment in the
 * first quarter of a measured upgrade, each round from the same schema-1 file) must leave schema 1 exactly
 * as it was or schema 2 complete — SQLite's atomic commit, checked here rather than assumed — and the
 * next start must finish the upgrade with every event and team blob intact, byte for byte.
 */
class MigrationCrashTest {

    private static final int EVENTS = 3000;
    private static final int BLOB = 16 * 1024;
    private static final int MAX_ROUNDS = 10;

    @TempDir
    Path dir;

    @Test
    void aKilledUpgradeLeavesOneWholeSchemaAndTheNextStartFinishesIt() throws Exception {
        Path db = dir.resolve("klachtenbalie.sqlite");
        Map<Long, String> events = versionOne(db);

        // How long a child takes from its "upgrading" line to the commit, on a copy, so the kills land inside it.
        Path copy = dir.resolve("copy.sqlite");
        Files.copy(db, copy, StandardCopyOption.REPLACE_EXISTING);
        Process measured = child(copy);
        BufferedReader lines = reader(measured);
        assertTrue(lines.readLine().startsWith("upgrading"));
        long started = System.nanoTime();
        assertEquals("upgraded", lines.readLine());
        long upgradeMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(measured.waitFor(30, TimeUnit.SECONDS));
        assertTrue(upgradeMs >= 20, "an upgrade of " + EVENTS + " events takes long enough to interrupt: " + upgradeMs + " ms");

        // Each round starts again from the same schema-1 file and kills its child somewhere in the first
        // quarter of a measured upgrade. The measured time ends after the WAL checkpoint that follows the
        // commit inside COMMIT, and this disk's speed varies a lot, so a kill may land after the commit:
        // such rounds are checked too (version 2, whole), and the rounds go on until two kills have
        // landed before it.
        Path pristine = dir.resolve("version-1.sqlite");
        Files.copy(db, pristine);
        SplittableRandom random = new SplittableRandom();
        int killedMidway = 0;
        for (int round = 0; round < MAX_ROUNDS && killedMidway < 2; round++) {
            Files.deleteIfExists(dir.resolve(db.getFileName() + "-wal"));
            Files.deleteIfExists(dir.resolve(db.getFileName() + "-shm"));
            Files.copy(pristine, db, StandardCopyOption.REPLACE_EXISTING);
            Process child = child(db);
            String first = reader(child).readLine();
            assertTrue(first != null && first.startsWith("upgrading the database schema from version 1 to 2"), String.valueOf(first));
            Thread.sleep(random.nextLong(0, upgradeMs / 4 + 1));
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            // Killed before, during or after its commit: one whole schema either way, every blob in it.
            if (check(db, events) == 1) {
                killedMidway++;
            }
        }
        assertTrue(killedMidway > 0, "at least one upgrade was killed before it committed (an upgrade takes " + upgradeMs + " ms)");

        Jdbi jdbi = Database.open(db);
        Database.close(jdbi);
        assertEquals(2, check(db, events), "the next start finished the upgrade");
    }

    private static Process child(Path db) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MigrationChild.class.getName(), db.toString())
                .redirectErrorStream(true).start();
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    /** A schema-1 database as a released server left it: V1's tables, {@code EVENTS} events and as many team blobs. */
    private Map<Long, String> versionOne(Path db) throws Exception {
        String v1;
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + Migrations.SCRIPTS.get(0))) {
            v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Jdbi.create("jdbc:sqlite:" + db).useTransaction(h -> {
            h.createScript(v1).execute();
            h.execute("PRAGMA user_version = 1");
        });
        Map<Long, String> digests = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(7);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            try (PreparedStatement mailbox = c.prepareStatement("INSERT INTO mailboxes VALUES (?, ?, '2026-01-01', 0)");
                    PreparedStatement event = c.prepareStatement(
                            "INSERT INTO events VALUES (?, ?, ?, ?, 0, 'message', '2026-01-01', ?, ?)");
                    PreparedStatement team = c.prepareStatement("INSERT INTO team_blobs VALUES (?, '2026-01-01', ?, ?)")) {
                long xseq = 0;
                for (int i = 0; i < EVENTS; i++) {
                    byte[] mailboxId = bytes(random, 16);
                    mailbox.setBytes(1, mailboxId);
                    mailbox.setBytes(2, bytes(random, 32));
                    mailbox.executeUpdate();
                    byte[] blob = bytes(random, BLOB);
                    event.setBytes(1, mailboxId);
                    event.setLong(2, 1);
                    event.setBytes(3, bytes(random, 16));
                    event.setBytes(4, bytes(random, 16));
                    event.setLong(5, ++xseq);
                    event.setBytes(6, blob);
                    event.executeUpdate();
                    digests.put(xseq, sha256(blob));
                    byte[] teamBlob = bytes(random, 1024);
                    team.setBytes(1, bytes(random, 16));
                    team.setLong(2, ++xseq);
                    team.setBytes(3, teamBlob);
                    team.executeUpdate();
                    digests.put(xseq, sha256(teamBlob));
                }
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE counters SET value = " + xseq + " WHERE name = 'xseq'");
                }
            }
            c.commit();
        }
        return digests;
    }

    /** Opens the file as SQLite alone would: whole, one schema, every blob; returns the schema version. */
    private static int check(Path db, Map<Long, String> expected) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                assertTrue(rs.next());
                assertEquals("ok", rs.getString(1));
            }
            int version;
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                version = rs.getInt(1);
            }
            List<String> tables = List.of("events_by_xseq", "team_blobs_by_xseq");
            for (String leftover : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_schema WHERE name = '" + leftover + "'")) {
                    assertEquals(0, rs.getInt(1), "no half-made table " + leftover + " in version " + version);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT sql FROM sqlite_schema WHERE name = 'events'")) {
                boolean withoutRowid = rs.getString(1).contains("WITHOUT ROWID");
                assertEquals(version == 1, withoutRowid, "the events table is the one of version " + version);
            }
            Map<Long, String> found = new TreeMap<>();
            for (String table : List.of("events", "team_blobs")) {
                try (ResultSet rs = s.executeQuery("SELECT xseq, blob FROM " + table)) {
                    while (rs.next()) {
                        found.put(rs.getLong(1), sha256(rs.getBytes(2)));
                    }
                }
            }
            assertEquals(expected, found, "every event and team blob, byte for byte, in version " + version);
            return version;
        }
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
