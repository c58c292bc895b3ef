package nl.klachtenbalie.server.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import nl.klachtenbalie.server.TestTeam;
import nl.klachtenbalie.server.db.Database;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator guide's backup and restore, exercised as written: {@code bin/server backup FILE
 * --config FILE} against a running server, {@code bin/server restore FILE --config FILE} into a fresh
 * machine's data folder, and the reporter finds everything again.
 */
class BackupRestoreTest {

    @TempDir
    Path tmp;

    private static final List<String> TABLES = List.of("mailboxes", "events", "team_blobs", "tombstones",
            "team_accounts", "team_bundle", "counters");

    @Test
    void backupThenRestoreOnAFreshMachineRoundTrips() throws Exception {
        TestTeam team = TestTeam.generate(OpsServer.DEPLOYMENT, new SecureRandom());
        Path oldConfig = OpsServer.writeConfig(tmp.resolve("old"), "data", team);
        Path backup = tmp.resolve("backups/klachtenbalie-backup.db");
        Files.createDirectories(backup.getParent());

        List<OpsServer.Reporter> reporters = new ArrayList<>();
        Map<String, List<String>> seen = new TreeMap<>();
        Map<String, String> before;
        try (OpsServer s = OpsServer.start(oldConfig)) {
            StringBuilder out = new StringBuilder();
            assertEquals(0, OpsServer.cli(out, "team-account", "add", "anna", "--config", oldConfig.toString()), out.toString());
            for (int i = 0; i < 3; i++) {
                OpsServer.Reporter r = new OpsServer.Reporter();
                r.create(s, OpsServer.blob(8192, 100 + i));
                r.append(s, OpsServer.blob(2048, 200 + i));
                reporters.add(r);
                seen.put(OpsServer.HEX.formatHex(r.mailbox), blobs(r.events(s, 0)));
            }
            out.setLength(0);
            assertEquals(0, OpsServer.cli(out, "backup", backup.toString(), "--config", oldConfig.toString()), out.toString());
            assertTrue(out.toString().contains("backup written"), out.toString());
            before = dump(s.server.jdbi());
        }
        assertEquals("ok", integrity(backup));

        // A new machine: a new config folder, an empty data folder, the backup restored into it.
        Path newConfig = OpsServer.writeConfig(tmp.resolve("new"), "data", team);
        StringBuilder out = new StringBuilder();
        assertEquals(0, OpsServer.cli(out, "restore", backup.toString(), "--config", newConfig.toString()), out.toString());
        assertTrue(out.toString().contains("database restored"), out.toString());

        try (OpsServer s = OpsServer.start(newConfig)) {
            assertEquals(before, dump(s.server.jdbi()), "every row of every table is back, byte for byte");
            for (OpsServer.Reporter r : reporters) {
                OpsServer.Reporter again = new OpsServer.Reporter(r.mailbox, r.key);
                assertEquals(seen.get(OpsServer.HEX.formatHex(r.mailbox)), blobs(again.events(s, 0)),
                        "the reporter reads the same conversation after the restore");
                assertEquals(3, again.append(s, OpsServer.blob(2048, 7)).get("seq").asInt(), "and can write on");
            }
        }
        assertFalse(Files.exists(tmp.resolve("new/data/klachtenbalie.db-journal")));
    }

    @Test
    void restoreRefusesAFileThatIsNotABackup() throws Exception {
        TestTeam team = TestTeam.generate(OpsServer.DEPLOYMENT, new SecureRandom());
        Path config = OpsServer.writeConfig(tmp.resolve("srv"), "data", team);
        Path junk = tmp.resolve("not-a-backup.db");
        Files.writeString(junk, "this is not an SQLite database");
        StringBuilder out = new StringBuilder();
        assertNotEquals(0, OpsServer.cli(out, "restore", junk.toString(), "--config", config.toString()));
        assertEquals(2, OpsServer.cli(out, "restore", tmp.resolve("missing.db").toString(), "--config", config.toString()));
    }

    @Test
    void aBackupTakenWhileReportersWriteIsConsistent() throws Exception {
        TestTeam team = TestTeam.generate(OpsServer.DEPLOYMENT, new SecureRandom());
        Path config = OpsServer.writeConfig(tmp.resolve("busy"), "data", team);
        List<Path> backups = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        try (OpsServer s = OpsServer.start(config)) {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int seed = w;
                writers.add(pool.submit(() -> {
                    long n = 0;
                    while (!stop.get()) {
                        OpsServer.Reporter r = new OpsServer.Reporter();
                        r.create(s, OpsServer.blob(8192, seed * 1000L + n++));
                        for (int k = 0; k < 4 && !stop.get(); k++) {
                            r.append(s, OpsServer.blob(32768, seed * 1000L + n++));
                            written.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (written.get() < 5) {
                    for (Future<?> f : writers) {
                        if (f.isDone()) {
                            f.get(); // a writer that failed says why
                        }
                    }
                    assertTrue(System.nanoTime() < deadline, "the writers made no progress");
                    Thread.sleep(20);
                }
                for (int i = 0; i < 4; i++) {
                    Path b = tmp.resolve("busy-backup-" + i + ".db");
                    StringBuilder out = new StringBuilder();
                    assertEquals(0, OpsServer.cli(out, "backup", b.toString(), "--config", config.toString()), out.toString());
                    backups.add(b);
                    Thread.sleep(50);
                }
            } finally {
                stop.set(true);
                for (Future<?> f : writers) {
                    f.get(60, TimeUnit.SECONDS);
                }
                pool.shutdown();
            }
        }
        assertTrue(written.get() >= 5);
        for (Path b : backups) {
            assertEquals("ok", integrity(b), b.toString());
            Jdbi jdbi = Database.open(b);
            long orphans = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM pragma_foreign_key_check")
                    .mapTo(Long.class).one());
            assertEquals(0L, orphans, "no row without its parent");
            // Every mailbox's events are contiguous 1..n: no half-written append is in the copy.
            List<Map<String, Object>> gaps = jdbi.withHandle(h -> h.createQuery(
                    "SELECT hex(mailbox_id) AS m, count(*) AS n, min(seq) AS lo, max(seq) AS hi FROM events GROUP BY mailbox_id"
                            + " HAVING lo <> 1 OR hi <> n").mapToMap().list());
            assertEquals(List.of(), gaps, b.toString());
            assertTrue(jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM mailboxes").mapTo(Long.class).one()) > 0);
        }
    }

    private static List<String> blobs(JsonNode events) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events.get("events")) {
            out.add(e.get("seq").asText() + "/" + e.get("kind").asText() + "/" + e.get("day").asText() + "/"
                    + (e.get("blob").isNull() ? "-" : e.get("blob").asText()));
        }
        return out;
    }

    private static String integrity(Path db) {
        return Database.open(db).withHandle(h -> h.createQuery("PRAGMA integrity_check").mapTo(String.class).one());
    }

    /** Every row of every table as text (blobs in base64), in a stable order. */
    private static Map<String, String> dump(Jdbi jdbi) {
        Map<String, String> out = new TreeMap<>();
        jdbi.useHandle(h -> {
            for (String table : TABLES) {
                List<String> rows = new ArrayList<>();
                for (Map<String, Object> row : h.createQuery("SELECT * FROM " + table).mapToMap().list()) {
                    StringBuilder sb = new StringBuilder();
                    for (Map.Entry<String, Object> c : new TreeMap<>(row).entrySet()) {
                        Object v = c.getValue();
                        sb.append(c.getKey()).append('=').append(v instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : v).append(';');
                    }
                    rows.add(sb.toString());
                }
                rows.sort(null);
                out.put(table, String.join("\n", rows));
            }
        });
        return out;
    }
}
