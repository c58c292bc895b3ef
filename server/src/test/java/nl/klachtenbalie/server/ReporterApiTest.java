package nl.klachtenbalie.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReporterApiTest {

    @TempDir
    Path dir;
    TestServer s;

    @BeforeEach
    void start() throws Exception {
        s = TestServer.start(dir);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void challengeAnnouncesDifficulties() throws Exception {
        JsonNode c = TestServer.json(s.post("/api/v1/challenge", new byte[0]));
        assertEquals(8, c.get("difficulty").asInt());
        assertEquals(2, c.get("reducedDifficulty").asInt());
        assertEquals(40, Base64.getUrlDecoder().decode(c.get("nonce").asText()).length);
    }

    @Test
    void wholeConversation() throws Exception {
        Reporter r = new Reporter(s);
        byte[] report = Blobs.fake(8192);
        byte[] photo = Blobs.fake(524288);
        byte[] createId = Reporter.randomId();
        HttpResponse<byte[]> created = r.create(createId, report, List.of(photo));
        assertEquals(200, created.statusCode(), new String(created.body()));
        assertEquals("[1,2]", TestServer.json(created).get("seqs").toString());

        HttpResponse<byte[]> page = r.events(0);
        assertEquals(200, page.statusCode());
        JsonNode events = TestServer.json(page).get("events");
        assertEquals(2, events.size());
        assertEquals("report", events.get(0).get("kind").asText());
        assertEquals("2026-03-10", events.get(0).get("day").asText());
        assertArrayEquals(report, Base64.getDecoder().decode(events.get(0).get("blob").asText()));
        assertEquals("attachment", events.get(1).get("kind").asText());
        assertTrue(events.get(1).get("blob").isNull(), "attachment bytes are for the team only");

        byte[] msgId = Reporter.randomId();
        HttpResponse<byte[]> appended = r.append(msgId, Blobs.fake(2048));
        assertEquals(200, appended.statusCode(), new String(appended.body()));
        assertEquals(3, TestServer.json(appended).get("seq").asLong());

        // Retries never duplicate.
        assertEquals(3, TestServer.json(r.append(msgId, Blobs.fake(2048))).get("seq").asLong());
        HttpResponse<byte[]> again = r.create(createId, report, List.of(photo));
        assertEquals(200, again.statusCode(), new String(again.body()));
        assertEquals("[1,2]", TestServer.json(again).get("seqs").toString());
        assertEquals(3, s.rows("events"));

        JsonNode after2 = TestServer.json(r.events(2));
        assertEquals(1, after2.get("events").size());
        assertEquals("message", after2.get("events").get(0).get("kind").asText());
        assertFalse(after2.get("more").asBoolean());
    }

    @Test
    void nothingNewLooksLikeSomethingNew() throws Exception {
        Reporter r = new Reporter(s);
        assertEquals(200, r.create(Reporter.randomId(), Blobs.fake(32768), List.of()).statusCode());
        HttpResponse<byte[]> full = r.events(0);
        HttpResponse<byte[]> empty = r.events(1);
        assertEquals(200, empty.statusCode());
        assertEquals(0, TestServer.json(empty).get("events").size());
        assertEquals(full.body().length, empty.body().length);
        assertEquals(TestServer.json(full).fieldNames().next(), TestServer.json(empty).fieldNames().next());
    }

    @Test
    void pagesWhenEventsDoNotFit() throws Exception {
        Reporter r = new Reporter(s);
        // The largest visible events: a hybrid file to 64 members and the reporter, 32 KiB bucket.
        assertEquals(200, r.create(Reporter.randomId(), Blobs.fakeHybrid(32768, 65, 1), List.of()).statusCode());
        assertEquals(200, r.append(Reporter.randomId(), Blobs.fakeHybrid(32768, 65, 2)).statusCode());
        JsonNode first = TestServer.json(r.events(0));
        assertEquals(1, first.get("events").size());
        assertTrue(first.get("more").asBoolean());
        JsonNode second = TestServer.json(r.events(1));
        assertEquals(1, second.get("events").size());
        assertFalse(second.get("more").asBoolean());
    }

    @Test
    void forgetMeLeavesOnlyATombstone() throws Exception {
        Reporter r = new Reporter(s);
        assertEquals(200, r.create(Reporter.randomId(), Blobs.fake(2048), List.of(Blobs.fake(2048))).statusCode());
        HttpResponse<byte[]> deleted = r.delete();
        assertEquals(200, deleted.statusCode());
        assertEquals(0, s.rows("events"));
        assertEquals(0, s.rows("mailboxes"));
        assertEquals(1, s.rows("tombstones"));
        HttpResponse<byte[]> gone = r.events(0);
        Reporter stranger = new Reporter(s);
        HttpResponse<byte[]> unknown = stranger.events(0);
        assertEquals(401, gone.statusCode());
        assertEquals(401, unknown.statusCode());
        assertArrayEquals(unknown.body(), gone.body());
    }

    @Test
    void perDayQuota() throws Exception {
        s.close();
        s = TestServer.start(dir.resolve("q"), java.util.Map.of("limits.events-per-day", "2"));
        Reporter r = new Reporter(s);
        assertEquals(200, r.create(Reporter.randomId(), Blobs.fake(2048), List.of()).statusCode());
        assertEquals(200, r.append(Reporter.randomId(), Blobs.fake(2048)).statusCode());
        assertEquals(200, r.append(Reporter.randomId(), Blobs.fake(2048)).statusCode());
        HttpResponse<byte[]> third = r.append(Reporter.randomId(), Blobs.fake(2048));
        assertEquals(429, third.statusCode());
        assertEquals("quota_day", TestServer.json(third).get("error").asText());
        s.clock.advance(java.time.Duration.ofDays(1));
        assertEquals(200, r.append(Reporter.randomId(), Blobs.fake(2048)).statusCode());
    }

    @Test
    void aFullMailboxRefusesNewMessagesButAnswersRetries() throws Exception {
        s.close();
        s = TestServer.start(dir.resolve("full"), java.util.Map.of("limits.mailbox-max-bytes", String.valueOf(64 * 1024),
                "limits.events-per-day", "2"));
        Reporter r = new Reporter(s);
        assertEquals(200, r.create(Reporter.randomId(), Blobs.fake(32768), List.of()).statusCode());
        byte[] first = Reporter.randomId();
        assertEquals(2, TestServer.json(r.append(first, Blobs.fake(8192))).get("seq").asLong());
        HttpResponse<byte[]> tooMuch = r.append(Reporter.randomId(), Blobs.fake(32768));
        assertEquals(413, tooMuch.statusCode());
        assertEquals("mailbox_full", TestServer.json(tooMuch).get("error").asText());
        assertEquals(2, s.rows("events"), "a refused message stores nothing");
        assertEquals(3, TestServer.json(r.append(Reporter.randomId(), Blobs.fake(8192))).get("seq").asLong());
        assertEquals(429, r.append(Reporter.randomId(), Blobs.fake(2048)).statusCode());
        // A retry is answered with its first seq even when the mailbox could take no new message.
        HttpResponse<byte[]> retry = r.append(first, Blobs.fake(8192));
        assertEquals(200, retry.statusCode(), new String(retry.body()));
        assertEquals(2, TestServer.json(retry).get("seq").asLong());
        assertEquals(3, s.rows("events"));
    }

    @Test
    void everyAnswerCarriesASingleUseNextNonce() throws Exception {
        Reporter r = new Reporter(s);
        String next = TestServer.json(r.create(Reporter.randomId(), Blobs.fake(2048), List.of())).get("nextNonce").asText();
        assertEquals(40, Base64.getUrlDecoder().decode(next).length);

        // The create's nextNonce signs the append; the append's the events; the events page's the next append.
        com.fasterxml.jackson.databind.node.ObjectNode append = r.base(next);
        append.put("clientEventId", Reporter.HEX.formatHex(Reporter.randomId()));
        append.put("message", Blobs.b64(Blobs.fake(2048)));
        HttpResponse<byte[]> appended = r.send("/api/v1/mailbox/append", next, append);
        assertEquals(200, appended.statusCode(), new String(appended.body()));
        String next2 = TestServer.json(appended).get("nextNonce").asText();
        com.fasterxml.jackson.databind.node.ObjectNode events = r.base(next2);
        events.put("after", 0);
        HttpResponse<byte[]> page = r.send("/api/v1/mailbox/events", next2, events);
        assertEquals(200, page.statusCode());
        assertEquals(2, TestServer.json(page).get("events").size());
        assertEquals(r.events(5).body().length, page.body().length, "the nonce does not change the page size");
        String next3 = TestServer.json(page).get("nextNonce").asText();
        assertFalse(List.of(next, next2).contains(next3));

        // Spent once, refused after: a kept nonce is no more replayable than a fresh challenge.
        HttpResponse<byte[]> replay = r.send("/api/v1/mailbox/append", next, append);
        assertEquals(409, replay.statusCode());
        assertEquals("nonce_used", TestServer.json(replay).get("error").asText());
        assertEquals(2, s.rows("events"));
    }
}
