package nl.klachtenbalie.server.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;
import nl.klachtenbalie.server.db.Database;
import nl.klachtenbalie.server.reporter.ProofOfWork;
import org.sqlite.SQLiteConfig;

/**
 * Row 1 of docs/benchmarks.md: the server's write path over HTTP on loopback against raw SQLite
 * inserts in this process, same blob sizes, same durability (WAL, synchronous=FULL, one transaction
 * per insert). The server runs as a child JVM ({@link BenchServer}) so its RSS can be read from /proc.
 *
 * <p>Args: {@code [--quick] [--prefill=N] [--growth]}. Markdown table rows go to stdout, progress to stderr.
 */
public final class ServerWriteBench {

    static final HexFormat HEX = HexFormat.of();
    static final SecureRandom RANDOM = new SecureRandom();
    static final int[] BUCKETS = {2048, 8192, 32768};
    /**
     * The production launch flags of {@code deploy/klachtenbalie.service} (keep the two in step), or
     * BENCH_SERVER_FLAGS to try others. Glibc's malloc arenas are capped the same way as there.
     */
    static final String SERVER_FLAGS = System.getenv().getOrDefault("BENCH_SERVER_FLAGS",
            "-Xmx136m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=64m");
    static final String XMX = SERVER_FLAGS;

    final boolean quick;
    final Path work;
    String host;
    int port;
    Process child;
    final String[] b64 = new String[BUCKETS.length];

    ServerWriteBench(boolean quick, Path work) {
        this.quick = quick;
        this.work = work;
        for (int i = 0; i < BUCKETS.length; i++) {
            b64[i] = Base64.getEncoder().encodeToString(FakeBlobs.fake(BUCKETS[i], BUCKETS[i]));
        }
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        boolean growth = Arrays.asList(args).contains("--growth");
        boolean diagnose = Arrays.asList(args).contains("--diagnose");
        Path work = Files.createTempDirectory("kb-bench-server");
        ServerWriteBench b = new ServerWriteBench(quick, work);
        try {
            String probe = Arrays.stream(args).filter(a -> a.startsWith("--probe")).findFirst().orElse(null);
            if (probe != null) {
                // --probe: single-client 8 KiB appends; --probe=N: N clients at once; --probe=N,create:
                // creates instead (for a profile of any of them).
                String[] spec = probe.startsWith("--probe=") ? probe.substring(8).split(",") : new String[] {"1"};
                Op op = spec.length > 1 && spec[1].equals("create") ? Op.CREATE : Op.APPEND;
                b.startChild(0);
                b.warmUp();
                b.run(Integer.parseInt(spec[0]), op, 1, 15);
            } else if (Arrays.asList(args).contains("--load")) {
                b.startChild(0);
                b.warmUp();
                b.loadRows(b.rssKb());
            } else if (diagnose) {
                b.diagnoseRows();
            } else if (growth) {
                int[] sizes = quick ? new int[] {1_000, 10_000} : new int[] {1_000, 10_000, 100_000};
                for (int n : sizes) {
                    b.growthRow(n);
                }
            } else {
                b.mainRows();
            }
        } finally {
            b.stopChild();
            deleteTree(work);
        }
        System.exit(0);
    }

    // --- the rows ----------------------------------------------------------------------------

    void mainRows() throws Exception {
        // The baseline and the server take turns within each cell (ROUNDS slices of each) rather than
        // the baseline being measured once: this virtual disk's fsync rate drifts by a factor of two
        // within minutes (1,900 to 4,100 inserts/s for the same 2 KiB blob in one run), and a ratio is
        // only fair against the disk as it was while the server ran. Both sides see the same drift.
        int rawPerRound = quick ? 100 : 400;
        startChild(0);
        long idleRss = rssKb();
        warmUp();
        double seconds = quick ? 3 : 8;
        for (int conc : new int[] {1, 16}) {
            for (int i = 0; i < BUCKETS.length; i++) {
                for (Op op : new Op[] {Op.CREATE, Op.APPEND}) {
                    Interleaved m = interleaved(conc, op, i, seconds, rawPerRound);
                    String bucket = BUCKETS[i] / 1024 + " KiB";
                    row("1 server write", op.name().toLowerCase(Locale.ROOT) + ", " + bucket + ", " + conc + " client" + (conc > 1 ? "s" : ""),
                            fmt(m.server.rate()) + "/s (p50 " + ms(m.server.p(50)) + ", p99 " + ms(m.server.p(99)) + ")",
                            fmt(m.rawRate) + " inserts/s (" + m.rawRange + ")", m.rawRate, m.server.rate(), 0.5, "≥ 0.5");
                }
            }
        }
        loadRows(idleRss);
    }

    static final int ROUNDS = 4;

    /** A server cell and its baseline measured in alternation; rates over the summed time of each side. */
    record Interleaved(Result server, double rawRate, String rawRange) {
    }

    Interleaved interleaved(int conc, Op op, int bucket, double seconds, int rawPerRound) throws Exception {
        List<Result> slices = new ArrayList<>();
        double rawSeconds = 0;
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (int r = 0; r < ROUNDS; r++) {
            double rate = rawInserts(BUCKETS[bucket], rawPerRound, 0);
            rawSeconds += rawPerRound / rate;
            lo = Math.min(lo, rate);
            hi = Math.max(hi, rate);
            slices.add(run(conc, op, bucket, seconds / ROUNDS));
        }
        Result all = Result.merge(slices);
        double rawRate = ROUNDS * rawPerRound / rawSeconds;
        log("%s x%d %d B: server %.1f/s, raw %.1f inserts/s (slices %.0f–%.0f)", op, conc, BUCKETS[bucket], all.rate(), rawRate, lo, hi);
        return new Interleaved(all, rawRate, fmt(lo) + "–" + fmt(hi));
    }

    /** Many clients at once: latency, errors and the child's peak RSS. */
    void loadRows(long idleRss) throws Exception {
        for (int conc : new int[] {50, 200, 1000}) {
            RssSampler rss = new RssSampler(child.pid());
            rss.start();
            Result m = run(conc, Op.MIXED, 1, quick ? 5 : 12);
            rss.interrupt();
            rss.join();
            System.out.printf(Locale.ROOT, "| 1 server load | %d clients, create+append 8 KiB | p50 %s, p99 %s, %s ops/s, %d errors | — | — | p99 (no goal) | RSS max %d MB (idle %d MB, %s) %s |%n",
                    conc, ms(m.p(50)), ms(m.p(99)), fmt(m.rate()), m.errors.get(), rss.maxKb / 1024, idleRss / 1024, XMX,
                    rss.maxKb / 1024 <= 256 ? "✅ ≤ 256 MB" : "❌ > 256 MB");
            System.out.flush();
        }
    }

    /** Why the server is slower than the baseline: raw SQLite with the server's connection handling. */
    void diagnoseRows() throws Exception {
        int n = quick ? 100 : 300;
        double raw = rawInserts(8192, n, 0);
        double c1 = rawInsertsConnectionPerTx(8192, n, 1, false);
        double c16 = rawInsertsConnectionPerTx(8192, n, 16, false);
        double c16l = rawInsertsConnectionPerTx(8192, n, 16, true);
        System.out.printf(Locale.ROOT, "| 1 diagnosis | raw SQLite 8 KiB, one connection, 1 writer | %s inserts/s | | | | |%n", fmt(raw));
        System.out.printf(Locale.ROOT, "| 1 diagnosis | raw SQLite 8 KiB, new connection per transaction (as the server), 1 writer | %s inserts/s | | %.2f | | |%n", fmt(c1), c1 / raw);
        System.out.printf(Locale.ROOT, "| 1 diagnosis | same, 16 writers, SQLite busy_timeout only | %s inserts/s | | %.2f | | |%n", fmt(c16), c16 / raw);
        System.out.printf(Locale.ROOT, "| 1 diagnosis | same, 16 writers queued on one Java lock | %s inserts/s | | %.2f | | |%n", fmt(c16l), c16l / raw);
        double seconds = quick ? 3 : 6;
        for (boolean keep : new boolean[] {false, true}) {
            startChild(0, keep);
            warmUp();
            Result a1 = run(1, Op.APPEND, 1, seconds);
            Result a16 = run(16, Op.APPEND, 1, seconds);
            String label = keep ? "what-if: server + one SQLite connection held open (bench only)" : "server as shipped";
            row("1 diagnosis", label + "; append 8 KiB, 1 client", fmt(a1.rate()) + "/s (p50 " + ms(a1.p(50)) + ", p99 " + ms(a1.p(99)) + ")",
                    fmt(raw) + " inserts/s", raw, a1.rate(), 0.5, "≥ 0.5");
            row("1 diagnosis", label + "; append 8 KiB, 16 clients", fmt(a16.rate()) + "/s (p50 " + ms(a16.p(50)) + ", p99 " + ms(a16.p(99)) + ")",
                    fmt(raw) + " inserts/s", raw, a16.rate(), 0.5, "≥ 0.5");
            stopChild();
        }
    }

    void growthRow(int n) throws Exception {
        int rawN = quick ? 100 : 300;
        double raw = rawInserts(8192, rawN, n);
        startChild(n);
        warmUp();
        Result a = run(1, Op.APPEND, 1, quick ? 3 : 6);
        Result a16 = run(16, Op.APPEND, 1, quick ? 3 : 6);
        row("5 growth: server", String.format(Locale.ROOT, "%,d stored events; append 8 KiB, 1 / 16 clients", n),
                fmt(a.rate()) + " / " + fmt(a16.rate()) + "/s (p99 " + ms(a.p(99)) + " / " + ms(a16.p(99)) + ")",
                fmt(raw) + " inserts/s", raw, a16.rate(), 0.5, "≥ 0.5");
        log("growth %d: http %.1f/%.1f raw %.1f", n, a.rate(), a16.rate(), raw);
        stopChild();
    }

    static void row(String row, String what, String project, String baseline, double baseRate, double rate, double goal, String goalText) {
        double ratio = rate / baseRate;
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %s | %s |%n", row, what, project, baseline, ratio, goalText,
                ratio >= goal ? "✅" : String.format(Locale.ROOT, "❌ (%.0f%% short)", 100 * (1 - ratio / goal)));
        System.out.flush();
    }

    // --- baseline: raw SQLite ----------------------------------------------------------------

    /**
     * A database file with the server's own schema, made by the server's own code (its migrations),
     * so the baseline inserts into exactly the table the server writes to.
     */
    static void serverSchema(Path db) {
        Database.close(Database.open(db));
    }

    /** Inserts per second into the server's events table, one autocommit transaction each, WAL + synchronous=FULL. */
    double rawInserts(int bucket, int n, int prefill) throws Exception {
        Path db = work.resolve("raw-" + bucket + "-" + prefill + "-" + System.nanoTime() + ".db");
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        // As the server's connections: no extra "SELECT last_insert_rowid()" after each INSERT.
        config.setGetGeneratedKeys(false);
        byte[] blob = FakeBlobs.fake(bucket, 7);
        Random r = new Random(1);
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        serverSchema(db);
        try (Connection c = config.createConnection("jdbc:sqlite:" + db)) {
            String sql = "INSERT INTO events (mailbox_id, seq, event_id, client_event_id, part, kind, day, xseq, blob) VALUES (?,?,?,?,?,?,?,?,?)";
            long xseq = 0;
            if (prefill > 0) {
                c.setAutoCommit(false);
                byte[] pre = FakeBlobs.fake(8192, 9);
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    for (int i = 0; i < prefill; i++) {
                        bind(p, r, ++xseq, day, pre);
                        p.addBatch();
                        if (i % 1000 == 999) {
                            p.executeBatch();
                        }
                    }
                    p.executeBatch();
                }
                c.commit();
                c.setAutoCommit(true);
            }
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < 20; i++) { // warm-up
                    bind(p, r, ++xseq, day, blob);
                    p.executeUpdate();
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    bind(p, r, ++xseq, day, blob);
                    p.executeUpdate();
                }
                return n / ((System.nanoTime() - t0) / 1e9);
            }
        } finally {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(db + suffix));
            }
        }
    }

    /**
     * The same inserts, but each in a fresh connection (open, BEGIN IMMEDIATE, insert, COMMIT, close),
     * which is what Jdbi over a bare {@code SQLiteDataSource} does per handle; {@code threads} writers at once.
     * Not a baseline: a diagnosis of the gap between the server and the baseline.
     */
    double rawInsertsConnectionPerTx(int bucket, int n, int threads, boolean javaLock) throws Exception {
        Path db = work.resolve("rawc-" + bucket + "-" + System.nanoTime() + ".db");
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        config.setBusyTimeout(10_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        byte[] blob = FakeBlobs.fake(bucket, 7);
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        serverSchema(db);
        String sql = "INSERT INTO events (mailbox_id, seq, event_id, client_event_id, part, kind, day, xseq, blob) VALUES (?,?,?,?,?,?,?,?,?)";
        AtomicLong xseq = new AtomicLong();
        AtomicInteger left = new AtomicInteger(n);
        Object lock = new Object();
        List<Thread> ts = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                Random r = new Random();
                while (left.getAndDecrement() > 0) {
                    try {
                        Runnable tx = () -> {
                            try (Connection c = config.createConnection("jdbc:sqlite:" + db)) {
                                c.setAutoCommit(false);
                                try (PreparedStatement p = c.prepareStatement(sql)) {
                                    bind(p, r, xseq.incrementAndGet(), day, blob);
                                    p.executeUpdate();
                                }
                                c.commit();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        };
                        if (javaLock) {
                            synchronized (lock) {
                                tx.run();
                            }
                        } else {
                            tx.run();
                        }
                    } catch (Exception e) {
                        log("raw error %s", e);
                    }
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) {
            th.join();
        }
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
        return rate;
    }

    static void bind(PreparedStatement p, Random r, long xseq, String day, byte[] blob) throws Exception {
        p.setBytes(1, BenchServer.bytes(r, 16));
        p.setLong(2, 1);
        p.setBytes(3, BenchServer.bytes(r, 16));
        p.setBytes(4, BenchServer.bytes(r, 16));
        p.setInt(5, 0);
        p.setString(6, "message");
        p.setString(7, day);
        p.setLong(8, xseq);
        p.setBytes(9, blob);
    }

    // --- the child server --------------------------------------------------------------------

    void startChild(int prefill) throws Exception {
        startChild(prefill, false);
    }

    void startChild(int prefill, boolean keep) throws Exception {
        stopChild();
        Path dir = work.resolve("server-" + prefill + "-" + System.nanoTime());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(Arrays.asList(SERVER_FLAGS.trim().split("\\s+")));
        String extra = System.getenv("BENCH_SERVER_JVM_ARGS"); // e.g. -XX:StartFlightRecording=filename=server.jfr
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServer.class.getName(), dir.toString(),
                String.valueOf(prefill), keep ? "keep" : "no"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("MALLOC_ARENA_MAX", System.getenv().getOrDefault("BENCH_MALLOC_ARENA_MAX", "2"));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        child = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("PORT ")) {
            log("server: %s", line);
        }
        if (line == null) {
            throw new IllegalStateException("bench server did not start");
        }
        host = "127.0.0.1";
        port = Integer.parseInt(line.substring(5).trim());
        log("server pid %d at %s:%d (prefilled %d events)", child.pid(), host, port, prefill);
    }

    void stopChild() throws Exception {
        if (child != null) {
            try (OutputStream in = child.getOutputStream()) {
                in.flush();
            }
            if (!child.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                child.destroy();
                child.waitFor();
            }
            child = null;
        }
    }

    long rssKb() throws IOException {
        return RssSampler.read(child.pid());
    }

    static final class RssSampler extends Thread {
        final long pid;
        volatile long maxKb;

        RssSampler(long pid) {
            this.pid = pid;
            setDaemon(true);
        }

        static long read(long pid) throws IOException {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        }

        @Override
        public void run() {
            try {
                while (!isInterrupted()) {
                    maxKb = Math.max(maxKb, read(pid));
                    Thread.sleep(100);
                }
            } catch (InterruptedException | IOException e) {
                // done
            }
            try {
                maxKb = Math.max(maxKb, read(pid));
            } catch (IOException ignored) {
                // exited
            }
        }
    }

    // --- the load generator ------------------------------------------------------------------

    enum Op { CREATE, APPEND, MIXED }

    static final class Result {
        final List<long[]> perThread = new ArrayList<>();
        final AtomicInteger errors = new AtomicInteger();
        long[] all;
        double seconds;
        int ops;

        double rate() {
            return ops / seconds;
        }

        static Result merge(List<Result> parts) {
            Result m = new Result();
            m.all = parts.stream().flatMapToLong(r -> Arrays.stream(r.all)).sorted().toArray();
            for (Result r : parts) {
                m.seconds += r.seconds;
                m.ops += r.ops;
                m.errors.addAndGet(r.errors.get());
            }
            return m;
        }

        double p(double pct) {
            if (all.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(all.length - 1, Math.ceil(pct / 100 * all.length) - 1);
            return all[Math.max(0, i)] / 1e6;
        }
    }

    /**
     * One simulated reporter: its own kept-alive connection, and, like the browser (client-web/src/api.js),
     * the {@code nextNonce} of its mailbox's last answer for the next request on that mailbox. A new
     * mailbox always starts with a fresh challenge (its proof of work needs one).
     */
    final class Client {
        final byte[] mailbox = new byte[16];
        final Ed25519PrivateKey key = Ed25519PrivateKey.generate(RANDOM);
        final BenchHttp conn = new BenchHttp(host, port);
        boolean created;
        String nextNonce;

        Client() {
            RANDOM.nextBytes(mailbox);
        }

        void fresh() {
            RANDOM.nextBytes(mailbox);
            created = false;
            nextNonce = null;
        }

        String challenge() throws Exception {
            long t0 = System.nanoTime();
            try {
                BenchHttp.Response r = conn.post("/api/v1/challenge", "{}".getBytes(StandardCharsets.US_ASCII), null);
                if (r.status() != 200) {
                    throw new IOException("challenge " + r.status());
                }
                return field(r.body(), "nonce");
            } finally {
                CHALLENGE_NS.addAndGet(System.nanoTime() - t0);
                CHALLENGES.incrementAndGet();
            }
        }

        void create(int bucket) throws Exception {
            String nonce = challenge();
            byte[] n = Base64.getUrlDecoder().decode(nonce);
            String body = "{\"mailbox\":\"" + HEX.formatHex(mailbox) + "\",\"publicKey\":\"" + key.publicKey().hex()
                    + "\",\"nonce\":\"" + nonce + "\",\"pow\":\"" + HEX.formatHex(ProofOfWork.solve(n, BenchServer.POW_DIFFICULTY))
                    + "\",\"clientEventId\":\"" + HEX.formatHex(id()) + "\",\"report\":\"" + b64[bucket] + "\",\"attachments\":[]}";
            send("/api/v1/mailbox/create", n, body);
            created = true;
        }

        void append(int bucket) throws Exception {
            String nonce = nextNonce != null ? nextNonce : challenge();
            nextNonce = null;
            byte[] n = Base64.getUrlDecoder().decode(nonce);
            String body = "{\"mailbox\":\"" + HEX.formatHex(mailbox) + "\",\"nonce\":\"" + nonce + "\",\"clientEventId\":\""
                    + HEX.formatHex(id()) + "\",\"message\":\"" + b64[bucket] + "\"}";
            send("/api/v1/mailbox/append", n, body);
        }

        void send(String path, byte[] nonce, String body) throws Exception {
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            byte[] sig = key.sign(SignatureContext.REQUEST, BenchServer.DEPLOYMENT, "POST".getBytes(StandardCharsets.US_ASCII),
                    path.getBytes(StandardCharsets.US_ASCII), mailbox, nonce, MessageDigest.getInstance("SHA-256").digest(bytes));
            BenchHttp.Response r = conn.post(path, bytes, "KB-Ed25519 " + Base64.getEncoder().encodeToString(sig));
            if (r.status() != 200) {
                throw new IOException(path + " " + r.status() + " " + new String(r.body(), StandardCharsets.UTF_8));
            }
            nextNonce = field(r.body(), "nextNonce");
        }
    }

    /** A string field of a small JSON answer (the server's own, fixed shape), without a parser's cost. */
    static String field(byte[] json, String name) throws IOException {
        String s = new String(json, StandardCharsets.US_ASCII);
        String key = "\"" + name + "\":\"";
        int i = s.indexOf(key);
        int end = i < 0 ? -1 : s.indexOf('"', i + key.length());
        if (end < 0) {
            throw new IOException("no " + name + " in " + s);
        }
        return s.substring(i + key.length(), end);
    }

    static final AtomicLong CHALLENGE_NS = new AtomicLong();
    static final AtomicLong CHALLENGES = new AtomicLong();

    static byte[] id() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    /**
     * Brings the child to its steady state before anything is measured, as a server that has run for
     * a while is: every op on every bucket, alone and with company. Why this long: on two cores the
     * JIT compilers took about one core for the first ten seconds and a fifth of one at twenty
     * ({@code jcmd <pid> PerfCounter.print}, {@code java.ci.totalTime}); with a 4 s warm-up the
     * first cells measured the compiler as much as the server.
     */
    void warmUp() throws Exception {
        for (int i = 0; i < BUCKETS.length; i++) {
            run(16, Op.MIXED, i, quick ? 1 : 4);
            run(1, Op.MIXED, i, quick ? 1 : 3);
        }
    }

    /**
     * {@code concurrency} clients, each a thread with a blocking HTTP client call, for {@code seconds}.
     * An op is a fresh challenge plus the signed write. APPEND clients create their mailbox first (not timed)
     * and open a new one before the per-day quota (20) would refuse; those creations are not counted.
     */
    Result run(int concurrency, Op op, int bucket, double seconds) throws Exception {
        Result res = new Result();
        AtomicLong opsDone = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        long[][] lat = new long[concurrency][];
        int[] counts = new int[concurrency];
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            final int ti = t;
            Thread th = new Thread(() -> {
                Client c = new Client();
                long[] mine = new long[1024];
                int k = 0;
                int appended = 0;
                try {
                    if (op == Op.APPEND) {
                        c.create(bucket);
                    }
                } catch (Exception e) {
                    res.errors.incrementAndGet();
                }
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                boolean nextCreate = true;
                while (System.nanoTime() < deadline[0]) {
                    try {
                        long t0;
                        if (op == Op.APPEND && appended >= 18) {
                            c.fresh();
                            c.create(bucket);
                            appended = 0;
                        }
                        t0 = System.nanoTime();
                        if (op == Op.CREATE || (op == Op.MIXED && nextCreate)) {
                            c.fresh();
                            c.create(bucket);
                            appended = 0;
                        } else {
                            c.append(bucket);
                            appended++;
                        }
                        if (op == Op.MIXED) {
                            nextCreate = appended >= 18 || !nextCreate && RANDOM.nextBoolean();
                        }
                        long d = System.nanoTime() - t0;
                        if (k == mine.length) {
                            mine = Arrays.copyOf(mine, k * 2);
                        }
                        mine[k++] = d;
                        opsDone.incrementAndGet();
                    } catch (Exception e) {
                        if (res.errors.incrementAndGet() <= 3) {
                            log("error: %s", e.toString());
                        }
                    }
                }
                c.conn.close();
                lat[ti] = mine;
                counts[ti] = k;
            }, "load-" + t);
            th.setDaemon(true);
            threads.add(th);
            th.start();
        }
        ready.await();
        long start = System.nanoTime();
        deadline[0] = start + (long) (seconds * 1e9);
        go.countDown();
        for (Thread th : threads) {
            th.join();
        }
        res.seconds = (System.nanoTime() - start) / 1e9;
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int pos = 0;
        for (int t = 0; t < concurrency; t++) {
            if (lat[t] != null) {
                System.arraycopy(lat[t], 0, all, pos, counts[t]);
                pos += counts[t];
            }
        }
        Arrays.sort(all, 0, pos);
        res.all = Arrays.copyOf(all, pos);
        res.ops = pos;
        log("  mean challenge round trip %.1f ms", CHALLENGE_NS.getAndSet(0) / 1e6 / Math.max(1, CHALLENGES.getAndSet(0)));
        log("%s x%d bucket %d: %d ops in %.1f s = %.1f/s, p50 %.1f ms p99 %.1f ms, %d errors", op, concurrency, BUCKETS[bucket],
                pos, res.seconds, res.rate(), res.p(50), res.p(99), res.errors.get());
        return res;
    }

    // --- helpers -----------------------------------------------------------------------------

    static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String ms(double v) {
        return String.format(Locale.ROOT, "%.1f ms", v);
    }

    static void log(String f, Object... a) {
        System.err.println("[server-bench] " + String.format(Locale.ROOT, f, a));
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
    }
}
