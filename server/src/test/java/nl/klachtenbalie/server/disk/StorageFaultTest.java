package nl.klachtenbalie.server.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nl.klachtenbalie.server.db.Database;
import nl.klachtenbalie.server.hostile.Live;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk full and read-only storage: the data dir is a tiny tmpfs (so this needs root and
 * {@code mount}; otherwise the test is skipped and says why — chmod would not do, root ignores it).
 * When SQLite cannot write, the client gets {@code 503 storage_unavailable} with a JSON message,
 * never a 500; nothing acknowledged is lost, {@code PRAGMA integrity_check} stays ok, and writes
 * succeed again once space (or write access) returns — without a restart.
 */
class StorageFaultTest {

    @TempDir
    Path dir;
    Path mount;
    Live s;
    Live.Client reporter;
    final Map<Long, byte[]> acked = new LinkedHashMap<>();
    final List<String> answers = new ArrayList<>();

    @BeforeEach
    void mountTinyTmpfs() throws Exception {
        mount = Files.createDirectories(dir.resolve("tmpfs"));
        int rc = run("mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", mount.toString());
        Assumptions.assumeTrue(rc == 0, "cannot mount a tmpfs here (needs root and mount privileges); storage-fault test skipped");
        s = Live.start(dir.resolve("server"), Map.of("data.dir", mount.toString()));
        reporter = new Live.Client(s);
        assertEquals(200, reporter.create(Live.randomId(), Live.blob(2048, 1), List.of()).statusCode());
        acked.put(1L, Live.blob(2048, 1));
    }

    @AfterEach
    void unmount() throws Exception {
        if (s != null) {
            s.close();
        }
        if (mount != null) {
            run("umount", "-l", mount.toString());
        }
    }

    @Test
    void diskFullIs503AndRecovers() throws Exception {
        Path filler = mount.resolve("filler");
        fill(filler);
        boolean refused = false;
        for (int i = 0; i < 40 && !refused; i++) {
            refused = append(32768, 100 + i) == 503;
        }
        assertTrue(refused, "the full disk was never noticed: " + answers);
        Files.delete(filler);
        assertEquals(200, append(2048, 1000), "no recovery after space returned: " + answers);
        assertIntactAndComplete();
    }

    @Test
    void readOnlyStorageIs503AndRecovers() throws Exception {
        // The server keeps its SQLite files open, and the kernel refuses a read-only remount while
        // files are open for writing (a kernel forcing errors=remount-ro does not ask): close them first.
        Database.releaseConnections(s.server.jdbi());
        assertEquals(0, run("mount", "-o", "remount,ro", mount.toString()));
        try {
            assertEquals(503, append(2048, 200), String.valueOf(answers));
            HttpResponse<byte[]> events = reporter.events(0);
            assertTrue(events.statusCode() == 200 || events.statusCode() == 503, "reads: " + events.statusCode());
        } finally {
            assertEquals(0, run("mount", "-o", "remount,rw", mount.toString()));
        }
        int st = 0;
        for (int i = 0; i < 5 && st != 200; i++) {
            st = append(2048, 300 + i);
        }
        assertEquals(200, st, "no recovery after the storage became writable: " + answers);
        assertIntactAndComplete();
    }

    /** Appends one message and checks the contract of the answer; returns its status. */
    private int append(int bucket, long seed) throws Exception {
        byte[] message = Live.blob(bucket, seed);
        HttpResponse<byte[]> r = reporter.append(Live.randomId(), message);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        answers.add(r.statusCode() + " " + body.substring(0, Math.min(120, body.length())));
        assertTrue(r.statusCode() == 200 || r.statusCode() == 503, "only 200 or 503 while storage fails: " + answers);
        if (r.statusCode() == 503) {
            assertEquals("storage_unavailable", Live.json(r).get("error").asText());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        } else {
            acked.put(Live.json(r).get("seq").asLong(), message);
        }
        return r.statusCode();
    }

    private void assertIntactAndComplete() {
        assertEquals("ok", s.server.jdbi().withHandle(h -> h.createQuery("PRAGMA integrity_check").mapTo(String.class).one()));
        for (Map.Entry<Long, byte[]> e : acked.entrySet()) {
            byte[] stored = s.server.jdbi().withHandle(h -> h.createQuery("SELECT blob FROM events WHERE mailbox_id = :m AND seq = :s")
                    .bind("m", reporter.mailbox).bind("s", e.getKey()).mapTo(byte[].class).one());
            assertArrayEquals(e.getValue(), stored, "seq " + e.getKey());
        }
        long n = s.server.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM events WHERE mailbox_id = :m")
                .bind("m", reporter.mailbox).mapTo(Long.class).one());
        assertEquals(acked.size(), n, "only acknowledged writes are stored, seqs contiguous");
    }

    private static void fill(Path filler) throws IOException {
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException noSpaceLeft) {
            // the file system is full now
        }
    }

    private static int run(String... cmd) throws Exception {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException noSuchCommand) {
            return -1;
        }
    }
}
