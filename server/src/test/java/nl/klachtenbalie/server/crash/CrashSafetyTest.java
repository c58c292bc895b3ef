package nl.klachtenbalie.server.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import nl.klachtenbalie.server.TestTeam;
import nl.klachtenbalie.server.hostile.Live;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: the real server runs as a child JVM ({@code ServerCommand run --config}) on a temp
 * data dir; worker threads create mailboxes (report + attachment) and append messages over HTTP and
 * remember every write the server acknowledged with 200. At random moments the child is killed with
 * SIGKILL ({@link Process#destroyForcibly()}); while it is dead the SQLite file is opened and
 * checked: {@code PRAGMA integrity_check} is ok, every acknowledged write is there byte for byte,
 * no event lacks its mailbox, every mailbox's seqs are 1..n without gaps, and every mailbox has its
 * whole create (report at 1, attachment at 2) — nothing half there. Then the server is restarted.
 *
 * <p>Quick in {@code mvn verify} (3 kills); long by command with {@code -Dcrash.kills=200
 * -Dcrash.threads=6} (docs/testing.md).
 */
class CrashSafetyTest {

    private static final int KILLS = Integer.getInteger("crash.kills", 3);
    private static final int THREADS = Integer.getInteger("crash.threads", 3);
    private static final int MAX_MS_BETWEEN_KILLS = Integer.getInteger("crash.max-ms", 1500);

    @TempDir
    Path dir;

    /** mailbox hex → seq → the blob the server acknowledged for it. */
    private final Map<String, Map<Long, byte[]>> acked = new ConcurrentHashMap<>();
    private final AtomicInteger port = new AtomicInteger();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong unacknowledged = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicReference<String> firstRefusal = new java.util.concurrent.atomic.AtomicReference<>();
    private Path config;
    private Path database;

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        TestTeam team = TestTeam.generate(Live.DEPLOYMENT, new SecureRandom());
        Map<String, String> values = Live.configValues(dir, team);
        values.put("limits.mailbox-max-bytes", String.valueOf(1L << 40));
        Properties p = new Properties();
        p.putAll(values);
        config = dir.resolve("server.properties");
        try (var w = Files.newBufferedWriter(config)) {
            p.store(w, "crash-safety test");
        }
        database = dir.resolve("data").resolve("klachtenbalie.db");

        Process child = startChild();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Thread t = new Thread(this::work, "crash-worker-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        Random random = new Random();
        int checks = 0;
        try {
            for (int k = 0; k < KILLS; k++) {
                // Let the restarted child take load first, then kill it at a random moment of it.
                long target = acks.get() + 5;
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (acks.get() < target && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                Thread.sleep(random.nextInt(MAX_MS_BETWEEN_KILLS));
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
                verifyDatabase();
                checks++;
                child = startChild();
            }
            Thread.sleep(500);
        } finally {
            stop.set(true);
            for (Thread t : workers) {
                t.join(30_000);
            }
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        verifyDatabase();
        String summary = "kills=" + KILLS + " threads=" + THREADS + " acknowledged=" + acks.get() + " unacknowledged="
                + unacknowledged.get() + " mailboxes=" + acked.size() + " checks=" + (checks + 1) + " first-refusal=" + firstRefusal.get();
        Files.writeString(Path.of("target", "crash-safety-summary.txt"), summary + "\n");
        System.out.println("crash safety: " + summary);
        assertTrue(acks.get() >= KILLS, "the load produced too few acknowledged writes to mean anything: " + summary);
    }

    private Process startChild() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "nl.klachtenbalie.server.cli.ServerCommand", "run", "--config", config.toString());
        pb.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child-stderr.txt").toFile()));
        Process child = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while ((line = out.readLine()) != null) {
            int at = line.indexOf("listening on ");
            if (at >= 0) {
                String rest = line.substring(at + "listening on ".length());
                String digits = rest.substring(rest.indexOf(':') + 1).replaceAll("^(\\d+).*$", "$1");
                port.set(Integer.parseInt(digits));
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the child died
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return child;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        child.destroyForcibly();
        throw new AssertionError("server child did not start: " + Files.readString(dir.resolve("child-stderr.txt")));
    }

    /** One worker: creates and appends, remembering what was acknowledged; rides out the kills. */
    private void work() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        List<Live.Client> mine = new ArrayList<>();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (!stop.get()) {
            try {
                if (mine.isEmpty() || r.nextInt(10) < 3) {
                    Live.Client c = new Live.Client(http, port.get());
                    byte[] report = Live.blob(2048, r.nextLong());
                    byte[] attachment = Live.blob(8192, r.nextLong());
                    HttpResponse<byte[]> resp = c.create(Live.randomId(), report, List.of(attachment));
                    if (resp.statusCode() == 200) {
                        Map<Long, byte[]> seqs = new ConcurrentHashMap<>();
                        seqs.put(1L, report);
                        seqs.put(2L, attachment);
                        acked.put(HexFormat.of().formatHex(c.mailbox), seqs);
                        acks.incrementAndGet();
                        mine.add(c);
                    } else {
                        unacknowledged.incrementAndGet();
                        firstRefusal.compareAndSet(null, resp.statusCode() + " " + new String(resp.body(), StandardCharsets.UTF_8));
                    }
                } else {
                    Live.Client c = mine.get(r.nextInt(mine.size()));
                    Live.Client now = rebind(c, http);
                    byte[] message = Live.blob(2048, r.nextLong());
                    HttpResponse<byte[]> resp = now.append(Live.randomId(), message);
                    if (resp.statusCode() == 200) {
                        long seq = Live.json(resp).get("seq").asLong();
                        byte[] before = acked.get(HexFormat.of().formatHex(c.mailbox)).putIfAbsent(seq, message);
                        if (before != null) {
                            throw new AssertionError("seq " + seq + " acknowledged twice");
                        }
                        acks.incrementAndGet();
                    } else {
                        unacknowledged.incrementAndGet();
                        firstRefusal.compareAndSet(null, resp.statusCode() + " " + new String(resp.body(), StandardCharsets.UTF_8));
                    }
                }
            } catch (AssertionError e) {
                throw e;
            } catch (Exception killedMidRequest) {
                unacknowledged.incrementAndGet();
                firstRefusal.compareAndSet(null, killedMidRequest.toString());
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** The same mailbox and key, talking to the current child's port. */
    private Live.Client rebind(Live.Client c, HttpClient http) {
        if (c.port == port.get()) {
            return c;
        }
        return new Live.Client(http, port.get(), c);
    }

    private void verifyDatabase() throws Exception {
        List<String> problems = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                if (!"ok".equals(rs.getString(1))) {
                    problems.add("integrity_check: " + rs.getString(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM events e WHERE NOT EXISTS "
                    + "(SELECT 1 FROM mailboxes m WHERE m.mailbox_id = e.mailbox_id)")) {
                rs.next();
                if (rs.getLong(1) != 0) {
                    problems.add(rs.getLong(1) + " events without their mailbox");
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT hex(m.mailbox_id), count(e.seq), coalesce(min(e.seq), 0), "
                    + "coalesce(max(e.seq), 0) FROM mailboxes m LEFT JOIN events e ON e.mailbox_id = m.mailbox_id "
                    + "GROUP BY m.mailbox_id")) {
                while (rs.next()) {
                    long n = rs.getLong(2);
                    if (n < 2 || rs.getLong(3) != 1 || rs.getLong(4) != n) {
                        problems.add("mailbox " + rs.getString(1) + ": " + n + " events, seqs " + rs.getLong(3) + ".." + rs.getLong(4));
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT hex(mailbox_id) FROM events WHERE (seq = 1 AND kind <> 'report') "
                    + "OR (seq = 2 AND kind <> 'attachment')")) {
                while (rs.next()) {
                    problems.add("mailbox " + rs.getString(1) + ": create not whole");
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT blob FROM events WHERE mailbox_id = ? AND seq = ?")) {
                for (Map.Entry<String, Map<Long, byte[]>> m : acked.entrySet()) {
                    for (Map.Entry<Long, byte[]> e : m.getValue().entrySet()) {
                        q.setBytes(1, HexFormat.of().parseHex(m.getKey()));
                        q.setLong(2, e.getKey());
                        try (ResultSet rs = q.executeQuery()) {
                            if (!rs.next()) {
                                problems.add("LOST acknowledged write " + m.getKey() + "#" + e.getKey());
                            } else if (!Arrays.equals(rs.getBytes(1), e.getValue())) {
                                problems.add("CHANGED acknowledged write " + m.getKey() + "#" + e.getKey());
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems.size() > 20 ? problems.subList(0, 20) : problems);
    }
}
