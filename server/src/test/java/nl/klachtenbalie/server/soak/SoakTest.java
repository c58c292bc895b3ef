package nl.klachtenbalie.server.soak;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import nl.klachtenbalie.server.hostile.Live;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load without loss: a steady mix of creates, appends and event reads from several reporters on
 * loopback for {@code soak.seconds} (default 120 in the build, as CI runs it; 1800 by command, docs/testing.md).
 * Zero errors (every answer 200), zero lost writes (every acknowledged blob is in the database byte
 * for byte at the end), and the heap after a full GC roughly flat between the first quarter and the end.
 */
class SoakTest {

    private static final int SECONDS = Integer.getInteger("soak.seconds", 120);
    private static final int THREADS = Integer.getInteger("soak.threads", 3);

    @TempDir
    Path dir;

    @Test
    void steadyMixLosesNothing() throws Exception {
        // Acknowledged writes are remembered by the seed of their blob, not the blob: the test runs in
        // the server's JVM, and 150,000 kept blobs (a 30-minute run) would be the heap growth measured.
        Map<String, Map<Long, Long>> acked = new ConcurrentHashMap<>();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong requests = new AtomicLong();
        long[] heap = new long[2];
        // Spent nonces are remembered until they expire, at most 250,000 of them: with the default
        // 300 s lifetime that admits 833 signed requests a second, and the server answers "busy"
        // beyond it (ChallengeServiceTest). Three threads on loopback can spend more than that, and the
        // memory would grow for the whole run, so the heap could not be flat. With 30 s the nonce
        // memory reaches its steady state early and its expiry runs throughout.
        try (Live s = Live.start(dir, Map.of("limits.mailbox-max-bytes", String.valueOf(1L << 30),
                "challenge.ttl-seconds", "30"))) {
            long end = System.nanoTime() + SECONDS * 1_000_000_000L;
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread th = new Thread(() -> {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    List<Live.Client> mine = new ArrayList<>();
                    while (System.nanoTime() < end && errors.size() < 20) {
                        try {
                            int pick = r.nextInt(10);
                            HttpResponse<byte[]> resp;
                            if (mine.isEmpty() || pick == 0) {
                                Live.Client c = new Live.Client(s);
                                long seed = r.nextLong();
                                resp = c.create(Live.randomId(), Live.blob(2048, seed), List.of());
                                if (resp.statusCode() == 200) {
                                    Map<Long, Long> m = new ConcurrentHashMap<>();
                                    m.put(1L, seed);
                                    acked.put(Live.HEX.formatHex(c.mailbox), m);
                                    mine.add(c);
                                }
                            } else if (pick < 6) {
                                // Rotate mailboxes so no one hits the per-day quota.
                                Live.Client c = mine.get(r.nextInt(mine.size()));
                                long seed = r.nextLong();
                                resp = c.append(Live.randomId(), Live.blob(2048, seed));
                                if (resp.statusCode() == 200) {
                                    acked.get(Live.HEX.formatHex(c.mailbox)).put(Live.json(resp).get("seq").asLong(), seed);
                                }
                                if (acked.get(Live.HEX.formatHex(c.mailbox)).size() > 15) {
                                    mine.remove(c);
                                }
                            } else {
                                resp = mine.get(r.nextInt(mine.size())).events(0);
                            }
                            requests.incrementAndGet();
                            if (resp.statusCode() != 200) {
                                errors.add(resp.statusCode() + " " + new String(resp.body(), StandardCharsets.UTF_8));
                            }
                        } catch (Exception e) {
                            errors.add(e.toString());
                        }
                    }
                }, "soak-" + t);
                th.start();
                threads.add(th);
            }
            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            Thread.sleep(SECONDS * 250L);
            heap[0] = usedAfterGc(mem);
            for (Thread th : threads) {
                th.join();
            }
            heap[1] = usedAfterGc(mem);
            assertEquals(List.of(), errors.size() > 10 ? errors.subList(0, 10) : errors, "zero errors");
            long writes = 0;
            for (Map.Entry<String, Map<Long, Long>> m : acked.entrySet()) {
                for (Map.Entry<Long, Long> e : m.getValue().entrySet()) {
                    byte[] stored = s.server.jdbi().withHandle(h -> h.createQuery("SELECT blob FROM events WHERE mailbox_id = :m AND seq = :s")
                            .bind("m", Live.HEX.parseHex(m.getKey())).bind("s", e.getKey()).mapTo(byte[].class).findOne().orElse(null));
                    assertArrayEquals(Live.blob(2048, e.getValue()), stored, "lost or changed: " + m.getKey() + "#" + e.getKey());
                    writes++;
                }
            }
            assertEquals(writes, s.rows("events"), "nothing stored that was not acknowledged");
            String summary = "seconds=" + SECONDS + " threads=" + THREADS + " requests=" + requests.get() + " acknowledged-writes="
                    + writes + " mailboxes=" + acked.size() + " heap-after-gc-MiB=" + heap[0] / (1 << 20) + "->" + heap[1] / (1 << 20);
            Files.writeString(Path.of("target", "soak-summary.txt"), summary + "\n");
            System.out.println("soak: " + summary);
            assertTrue(writes > 0, summary);
            assertTrue(heap[1] <= heap[0] * 3 / 2 + (48L << 20), "heap grew: " + summary);
        }
    }

    private static long usedAfterGc(MemoryMXBean mem) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
