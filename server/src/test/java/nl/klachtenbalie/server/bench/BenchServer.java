package nl.klachtenbalie.server.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import nl.klachtenbalie.server.KlachtenbalieServer;
import nl.klachtenbalie.server.TestTeam;
import nl.klachtenbalie.server.config.ConfigLoader;
import nl.klachtenbalie.server.config.ServerConfig;
import nl.klachtenbalie.server.db.Database;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The real server for the write-path benchmark, meant to run as a child JVM so its RSS can be read.
 * Production durability (the server's own {@link Database}: WAL, synchronous=FULL, secure_delete);
 * proof of work at 1 bit so the load generator measures the server, not SHA-256 puzzles.
 *
 * <p>Args: {@code dataDir prefillEvents [keep]}. Prints {@code PORT n} when listening, stops when stdin closes.
 */
public final class BenchServer {

    public static final String DEPLOYMENT = "bench.klachtenbalie";
    public static final int POW_DIFFICULTY = 1;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int prefill = Integer.parseInt(args[1]);
        SecureRandom random = new SecureRandom();
        TestTeam team = TestTeam.generate(DEPLOYMENT, random);
        Files.write(dir.resolve("team-bundle.json"), team.bundle(1, LocalDate.now(ZoneOffset.UTC)));
        Map<String, String> v = new HashMap<>();
        v.put("server.port", "0");
        v.put("data.dir", "data");
        v.put("deployment.id", DEPLOYMENT);
        v.put("deployment.root-key", HexFormat.of().formatHex(team.rootPublicKey()));
        v.put("deployment.argon2-salt", HexFormat.of().formatHex(team.argon2Salt()));
        v.put("team.bundle-file", "team-bundle.json");
        v.put("pow.difficulty", String.valueOf(POW_DIFFICULTY));
        v.put("pow.reduced-difficulty", String.valueOf(POW_DIFFICULTY));
        // The production nonce memory (250,000 spent nonces, at most 12.6 MB of the 136 MiB heap) with the
        // shortest lifetime, so it admits the ~1,000–2,700 signed requests/s of a run (capacity / lifetime;
        // production's 300 s admits 833/s sustained). The earlier bench value of 1,000,000 needed more
        // heap than the production flags give and made the 1,000-client row thrash (docs/benchmarks.md §1).
        v.put("challenge.ttl-seconds", "30");
        v.put("metrics.enabled", "false");
        // One mailbox takes many appends in the benchmark: the per-day quota and size cap are raised (said in docs/benchmarks.md).
        v.put("limits.events-per-day", "10000");
        v.put("limits.mailbox-max-bytes", String.valueOf(1L << 40));
        ServerConfig config = ConfigLoader.fromMap(v, Map.of(), dir);
        Files.createDirectories(config.dataDir());
        Jdbi jdbi = Database.open(config.databaseFile());
        if (prefill > 0) {
            prefill(jdbi, prefill);
        }
        // What-if (not production): one connection held open for the server's life, so closing a
        // request's connection is never the last close of the database (which checkpoints and deletes the WAL).
        java.sql.Connection keeper = null;
        if (args.length > 2 && args[2].equals("keep")) {
            keeper = new org.sqlite.SQLiteConfig().createConnection("jdbc:sqlite:" + config.databaseFile().toAbsolutePath());
            keeper.createStatement().executeQuery("SELECT 1 FROM counters").close();
        }
        KlachtenbalieServer server = new KlachtenbalieServer(config, jdbi, Clock.systemUTC(), random).start();
        System.out.println("PORT " + server.port());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            // wait for EOF
        }
        server.stop();
        Database.close(jdbi);
        if (keeper != null) {
            keeper.close();
        }
        System.exit(0);
    }

    /** Stored events before measuring: {@code n} mailboxes with one 8 KiB-bucket report each, as the server writes them. */
    static void prefill(Jdbi jdbi, int n) {
        String day = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        Random r = new Random(42);
        jdbi.useTransaction(h -> {
            long start = h.createQuery("SELECT value FROM counters WHERE name = 'xseq'").mapTo(Long.class).one();
            PreparedBatch mb = h.prepareBatch("INSERT INTO mailboxes (mailbox_id, public_key, last_day, total_bytes) VALUES (?, ?, ?, ?)");
            PreparedBatch ev = h.prepareBatch("INSERT INTO events (mailbox_id, seq, event_id, client_event_id, part, kind, day, xseq, blob)"
                    + " VALUES (?, 1, ?, ?, 0, 'report', ?, ?, ?)");
            for (int i = 0; i < n; i++) {
                byte[] id = bytes(r, 16);
                byte[] blob = FakeBlobs.fake(8192, r.nextLong());
                mb.add(id, bytes(r, 32), day, blob.length);
                ev.add(id, bytes(r, 16), bytes(r, 16), day, start + 1 + i, blob);
                if (mb.size() == 1000) {
                    mb.execute();
                    ev.execute();
                }
            }
            if (mb.size() > 0) {
                mb.execute();
                ev.execute();
            }
            h.createUpdate("UPDATE counters SET value = value + " + n + " WHERE name = 'xseq'").execute();
        });
    }

    static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
