package nl.klachtenbalie.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Purges happen, and the purged ciphertext is gone from the database file and its WAL, not just unlinked. */
class RetentionTest {

    @TempDir
    Path dir;

    static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static List<String> filesContaining(Path dataDir, byte[] needle) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path f : files.toList()) {
                if (contains(Files.readAllBytes(f), needle)) {
                    hits.add(f.getFileName().toString());
                }
            }
        }
        return hits;
    }

    @Test
    void idleMailboxesArePurgedAndTheirBytesOverwritten() throws Exception {
        try (TestServer s = TestServer.start(dir, Map.of("retention.idle-days", "30"))) {
            byte[] goneMarker = "PURGE-ME-7d1c9a44e0b2".getBytes(StandardCharsets.US_ASCII);
            byte[] keptMarker = "KEEP-ME-0b8f33a1c6d5".getBytes(StandardCharsets.US_ASCII);
            Reporter idle = new Reporter(s);
            assertEquals(200, idle.create(Reporter.randomId(), Blobs.fake(8192, goneMarker, 1),
                    List.of(Blobs.fake(131072, goneMarker, 2))).statusCode());
            s.clock.advance(Duration.ofDays(20));
            Reporter active = new Reporter(s);
            assertEquals(200, active.create(Reporter.randomId(), Blobs.fake(8192, keptMarker, 3), List.of()).statusCode());
            assertFalse(filesContaining(s.config.dataDir(), goneMarker).isEmpty(), "sanity: the marker is on disk before the purge");

            s.clock.advance(Duration.ofDays(11));
            assertEquals(1, s.server.retention().runOnce().mailboxes());
            assertEquals(1, s.rows("mailboxes"));
            assertEquals(1, s.rows("tombstones"));

            assertEquals(List.of(), filesContaining(s.config.dataDir(), goneMarker));
            assertTrue(filesContaining(s.config.dataDir(), keptMarker).contains("klachtenbalie.db"),
                    "the kept report is still there (the check can see markers)");
        }
    }

    @Test
    void forgetMeOverwritesToo() throws Exception {
        try (TestServer s = TestServer.start(dir)) {
            byte[] marker = "FORGET-ME-5a5a3c3c9e9e".getBytes(StandardCharsets.US_ASCII);
            Reporter r = new Reporter(s);
            assertEquals(200, r.create(Reporter.randomId(), Blobs.fake(2048, marker, 4), List.of()).statusCode());
            Reporter other = new Reporter(s);
            assertEquals(200, other.create(Reporter.randomId(), Blobs.fake(2048), List.of()).statusCode());
            assertEquals(200, r.delete().statusCode());
            assertEquals(List.of(), filesContaining(s.config.dataDir(), marker));
        }
    }

    @Test
    void tombstonesGoOnceEveryAccountExportedThem() throws Exception {
        try (TestServer s = TestServer.start(dir)) {
            TeamClient team = new TeamClient(s, "bo");
            Reporter r = new Reporter(s);
            assertEquals(200, r.create(Reporter.randomId(), Blobs.fake(2048), List.of()).statusCode());
            assertEquals(200, r.delete().statusCode());
            assertEquals(1, s.rows("tombstones"));
            s.server.retention().runOnce();
            assertEquals(1, s.rows("tombstones"), "not exported yet");
            team.login();
            long through = TestServer.json(team.call("/api/export", "{}".getBytes(StandardCharsets.US_ASCII))).get("through").asLong();
            team.call("/api/export/confirm", ("{\"through\":" + through + "}").getBytes(StandardCharsets.US_ASCII));
            s.server.retention().runOnce();
            assertEquals(0, s.rows("tombstones"));
        }
    }
}
