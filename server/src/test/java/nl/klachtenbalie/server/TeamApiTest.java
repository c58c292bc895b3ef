package nl.klachtenbalie.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeamApiTest {

    private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    TestServer s;
    TeamClient team;

    @BeforeEach
    void start() throws Exception {
        s = TestServer.start(dir);
        team = new TeamClient(s, "anna");
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void loginNeedsPasswordAndAFreshTotpCode() throws Exception {
        HttpResponse<byte[]> wrongPassword = team.login("wrong", team.code(0));
        HttpResponse<byte[]> wrongCode = team.login(team.account.password(), "000000".equals(team.code(0)) ? "111111" : "000000");
        assertEquals(401, wrongPassword.statusCode());
        assertEquals(401, wrongCode.statusCode());
        assertArrayEquals(wrongPassword.body(), wrongCode.body());
        assertEquals(200, team.login(team.account.password(), team.code(-1)).statusCode());
        assertEquals(401, team.login(team.account.password(), team.code(-1)).statusCode(), "a used code is spent");
        assertEquals(200, team.login(team.account.password(), team.code(1)).statusCode());
        assertTrue(team.account.otpauthUri().startsWith("otpauth://totp/klachtenbalie:anna?secret="));
    }

    @Test
    void sessionsExpireAndAreNeededForEveryCall() throws Exception {
        assertEquals(401, s.post(team.path("/api/export"), EMPTY).statusCode());
        team.login();
        assertEquals(200, team.call("/api/status", EMPTY).statusCode());
        s.clock.advance(Duration.ofMinutes(31));
        HttpResponse<byte[]> late = team.call("/api/status", EMPTY);
        assertEquals(401, late.statusCode());
        assertEquals("session_expired", TestServer.json(late).get("error").asText());
    }

    @Test
    void exportThenOutboxThenExport() throws Exception {
        Reporter r = new Reporter(s);
        byte[] report = Blobs.fake(2048);
        byte[] photo = Blobs.fake(8192);
        assertEquals(200, r.create(Reporter.randomId(), report, List.of(photo)).statusCode());
        assertEquals(200, r.append(Reporter.randomId(), Blobs.fake(2048)).statusCode());
        team.login();

        HttpResponse<byte[]> export = team.call("/api/export", EMPTY);
        assertEquals(200, export.statusCode());
        JsonNode doc = TestServer.json(export);
        assertEquals("klachtenbalie-export/v1", doc.get("format").asText());
        assertEquals(TestServer.DEPLOYMENT, doc.get("deployment").asText());
        JsonNode records = doc.get("records");
        assertEquals(3, records.size());
        JsonNode first = records.get(0);
        assertEquals("event", first.get("type").asText());
        assertEquals("report", first.get("kind").asText());
        assertEquals(Reporter.HEX.formatHex(r.mailbox), first.get("mailbox").asText());
        assertEquals(r.key.publicKey().hex(), first.get("publicKey").asText());
        assertArrayEquals(report, Base64.getDecoder().decode(first.get("blob").asText()));
        assertArrayEquals(photo, Base64.getDecoder().decode(records.get(1).get("blob").asText()), "the team gets attachments");
        long through = Long.parseLong(export.headers().firstValue("X-Export-Through").orElseThrow());
        assertEquals(doc.get("through").asLong(), through);

        // Without a confirm the same records come again; after it, nothing.
        assertEquals(3, TestServer.json(team.call("/api/export", EMPTY)).get("records").size());
        assertEquals(through, TestServer.json(team.call("/api/export/confirm",
                ("{\"through\":" + through + "}").getBytes(StandardCharsets.US_ASCII))).get("cursor").asLong());
        assertEquals(0, TestServer.json(team.call("/api/export", EMPTY)).get("records").size());

        byte[] replyId = Reporter.randomId();
        byte[] noteId = Reporter.randomId();
        List<byte[][]> replies = new ArrayList<>();
        replies.add(new byte[][] {r.mailbox, replyId, Blobs.fake(2048)});
        replies.add(new byte[][] {Reporter.randomId(), Reporter.randomId(), Blobs.fake(2048)});
        byte[] outbox = TeamClient.outbox(s.team.memberSigningKey(), replies,
                List.<byte[][]>of(new byte[][] {noteId, Blobs.fake(8192)}), List.of());
        HttpResponse<byte[]> imported = team.call("/api/outbox", outbox);
        assertEquals(200, imported.statusCode(), new String(imported.body(), StandardCharsets.UTF_8));
        JsonNode result = TestServer.json(imported);
        assertEquals(1, result.get("replies").asInt());
        assertEquals(1, result.get("internal").asInt());
        assertEquals(1, result.get("skipped").asInt());
        JsonNode again = TestServer.json(team.call("/api/outbox", outbox));
        assertEquals(0, again.get("replies").asInt());
        assertEquals(2, again.get("duplicates").asInt());

        JsonNode seen = TestServer.json(r.events(3)).get("events");
        assertEquals(1, seen.size());
        assertEquals("reply", seen.get(0).get("kind").asText());
        assertEquals(4, seen.get(0).get("seq").asLong());

        JsonNode next = TestServer.json(team.call("/api/export", EMPTY)).get("records");
        assertEquals(2, next.size());
        assertEquals("reply", next.get(0).get("kind").asText());
        assertEquals(Reporter.HEX.formatHex(replyId), next.get(0).get("eventId").asText());
        assertEquals("internal", next.get(1).get("type").asText());
        assertFalse(next.get(1).has("mailbox"), "team-only blobs are not keyed by mailbox");
    }

    @Test
    void outboxMustBeSignedByAnActiveMember() throws Exception {
        team.login();
        Ed25519PrivateKey stranger = Ed25519PrivateKey.generate(new SecureRandom());
        byte[] forged = TeamClient.outbox(stranger, List.of(), List.<byte[][]>of(new byte[][] {Reporter.randomId(), Blobs.fake(2048)}), List.of());
        HttpResponse<byte[]> refused = team.call("/api/outbox", forged);
        assertEquals(403, refused.statusCode());
        assertEquals("signer_not_active", TestServer.json(refused).get("error").asText());
        byte[] good = TeamClient.outbox(s.team.memberSigningKey(), List.of(),
                List.<byte[][]>of(new byte[][] {Reporter.randomId(), Blobs.fake(2048)}), List.of());
        JsonNode file = TestServer.JSON.readTree(good);
        byte[] sig = Base64.getDecoder().decode(file.get("signature").asText());
        sig[5] ^= 1;
        ((com.fasterxml.jackson.databind.node.ObjectNode) file).put("signature", Base64.getEncoder().encodeToString(sig));
        HttpResponse<byte[]> tampered = team.call("/api/outbox", TestServer.JSON.writeValueAsBytes(file));
        assertEquals(403, tampered.statusCode());
        assertEquals(0, s.rows("team_blobs"));
    }

    @Test
    void purgeListAndForgetMe() throws Exception {
        Reporter kept = new Reporter(s);
        Reporter purged = new Reporter(s);
        Reporter forgotten = new Reporter(s);
        for (Reporter r : List.of(kept, purged, forgotten)) {
            assertEquals(200, r.create(Reporter.randomId(), Blobs.fake(2048), List.of()).statusCode());
        }
        assertEquals(200, forgotten.delete().statusCode());
        team.login();
        JsonNode result = TestServer.json(team.call("/api/outbox",
                TeamClient.outbox(s.team.memberSigningKey(), List.of(), List.of(), List.of(purged.mailbox))));
        assertEquals(1, result.get("purged").asInt());
        assertEquals(1, s.rows("mailboxes"));
        JsonNode records = TestServer.json(team.call("/api/export", EMPTY)).get("records");
        JsonNode last = records.get(records.size() - 1);
        assertEquals("tombstone", last.get("type").asText());
        assertEquals("forget", last.get("reason").asText());
        assertEquals(Reporter.HEX.formatHex(forgotten.mailbox), last.get("mailbox").asText());
        assertEquals(2, records.size(), "the kept report and the tombstone");
    }

    @Test
    void bundlesAreVerifiedAndNeverDowngraded() throws Exception {
        team.login();
        LocalDate today = LocalDate.of(2026, 3, 10);
        byte[] v2 = s.team.bundle(2, today);
        assertEquals(2, TestServer.json(team.call("/api/bundle", v2)).get("version").asLong());
        assertArrayEquals(v2, s.get("/team-bundle.json").body());
        assertEquals(200, team.call("/api/bundle", v2).statusCode(), "re-publishing the same file is fine");
        HttpResponse<byte[]> old = team.call("/api/bundle", s.team.bundle(1, today));
        assertEquals(409, old.statusCode());
        assertEquals("bundle_downgrade", TestServer.json(old).get("error").asText());
        HttpResponse<byte[]> foreign = team.call("/api/bundle",
                TestTeam.generate(TestServer.DEPLOYMENT, new SecureRandom()).bundle(3, today));
        assertEquals(400, foreign.statusCode());
        assertEquals("bundle_signature", TestServer.json(foreign).get("error").asText());
        HttpResponse<byte[]> secret = team.call("/api/bundle",
                "{\"payload\":\"\",\"signature\":\"\",\"x\":\"AGE-SECRET-KEY-1QQQ\"}".getBytes(StandardCharsets.US_ASCII));
        assertEquals("secret_material", TestServer.json(secret).get("error").asText());
        assertArrayEquals(v2, s.get("/team-bundle.json").body());
    }
}
