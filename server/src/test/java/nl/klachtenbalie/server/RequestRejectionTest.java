package nl.klachtenbalie.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every client mistake is a 4xx with an actionable JSON message, and nothing is stored. */
class RequestRejectionTest {

    private static final String CREATE = "/api/v1/mailbox/create";

    @TempDir
    Path dir;
    TestServer s;
    Reporter r;

    @BeforeEach
    void start() throws Exception {
        s = TestServer.start(dir, Map.of("limits.max-request-bytes", "200000", "limits.max-attachments", "1"));
        r = new Reporter(s);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private JsonNode refused(HttpResponse<byte[]> resp, int status, String code) throws Exception {
        assertEquals(status, resp.statusCode(), new String(resp.body(), StandardCharsets.UTF_8));
        assertEquals("application/json", resp.headers().firstValue("Content-Type").orElse(""));
        JsonNode body = TestServer.json(resp);
        assertEquals(code, body.get("error").asText());
        assertFalse(body.get("message").asText().isBlank());
        assertEquals(0, s.rows("mailboxes"), "nothing stored");
        assertEquals(0, s.rows("events"), "nothing stored");
        return body;
    }

    private ObjectNode validCreate(String nonce) {
        return r.createBody(nonce, 8, Reporter.randomId(), Blobs.fake(2048), List.of());
    }

    @Test
    void malformedJson() throws Exception {
        String nonce = r.challenge();
        refused(r.sendRaw(CREATE, nonce, "{\"mailbox\":".getBytes(StandardCharsets.US_ASCII)), 400, "bad_json");
    }

    @Test
    void emptyBody() throws Exception {
        refused(r.sendRaw(CREATE, r.challenge(), new byte[0]), 400, "bad_json");
    }

    @Test
    void unknownField() throws Exception {
        String nonce = r.challenge();
        ObjectNode body = validCreate(nonce);
        body.put("name", "Alice");
        JsonNode err = refused(r.send(CREATE, nonce, body), 400, "unknown_field");
        assertTrue(err.get("message").asText().contains("'name'"));
    }

    @Test
    void wrongType() throws Exception {
        String nonce = r.challenge();
        ObjectNode body = validCreate(nonce);
        body.put("attachments", "not a list");
        refused(r.send(CREATE, nonce, body), 400, "wrong_type");
        // "May be omitted or empty" (docs/api.md): one spelling for "no photos", so null is refused.
        String second = r.challenge();
        ObjectNode nulled = validCreate(second);
        nulled.putNull("attachments");
        JsonNode err = refused(r.send(CREATE, second, nulled), 400, "wrong_type");
        assertTrue(err.get("message").asText().contains("'attachments'"), err.toString());
        ObjectNode events = r.base(r.challenge());
        events.put("after", "0");
        refused(r.send("/api/v1/mailbox/events", events.get("nonce").asText(), events), 400, "wrong_type");
    }

    @Test
    void missingField() throws Exception {
        String nonce = r.challenge();
        ObjectNode body = validCreate(nonce);
        body.remove("report");
        refused(r.send(CREATE, nonce, body), 400, "missing_field");
    }

    @Test
    void badBase64() throws Exception {
        String nonce = r.challenge();
        ObjectNode body = validCreate(nonce);
        body.put("report", "!!!notbase64!!!=");
        refused(r.send(CREATE, nonce, body), 400, "bad_base64");
        body.put("report", "QQ");
        refused(r.send(CREATE, nonce, body), 400, "bad_base64");
        body.put("report", "QR==");
        refused(r.send(CREATE, nonce, body), 400, "bad_base64");
    }

    @Test
    void badHex() throws Exception {
        String nonce = r.challenge();
        ObjectNode body = validCreate(nonce);
        body.put("mailbox", body.get("mailbox").asText().toUpperCase());
        refused(r.send(CREATE, nonce, body), 400, "bad_hex");
    }

    @Test
    void notAnAgeFile() throws Exception {
        String nonce = r.challenge();
        ObjectNode body = validCreate(nonce);
        body.put("report", Blobs.b64("hello, this is plaintext".repeat(100).getBytes(StandardCharsets.US_ASCII)));
        refused(r.send(CREATE, nonce, body), 400, "bad_blob");
    }

    @Test
    void wrongSizeClass() throws Exception {
        String nonce = r.challenge();
        ObjectNode body = validCreate(nonce);
        byte[] blob = Blobs.fake(2048);
        body.put("report", Blobs.b64(java.util.Arrays.copyOf(blob, blob.length + 1)));
        refused(r.send(CREATE, nonce, body), 400, "bad_blob");
        body.put("report", Blobs.b64(Blobs.fake(131072)));
        refused(r.send(CREATE, nonce, body), 400, "bad_blob");
    }

    @Test
    void tooManyAttachments() throws Exception {
        String nonce = r.challenge();
        refused(r.send(CREATE, nonce, r.createBody(nonce, 8, Reporter.randomId(), Blobs.fake(2048),
                List.of(Blobs.fake(2048), Blobs.fake(2048)))), 400, "too_many_attachments");
    }

    @Test
    void oversizedBody() throws Exception {
        String nonce = r.challenge();
        refused(r.send(CREATE, nonce, r.createBody(nonce, 8, Reporter.randomId(), Blobs.fake(2048),
                List.of(Blobs.fake(524288)))), 413, "too_large");
    }

    @Test
    void wrongSignature() throws Exception {
        String nonce = r.challenge();
        byte[] body = TestServer.JSON.writeValueAsBytes(validCreate(nonce));
        String sig = r.sign("/api/v1/mailbox/append", nonce, body);
        refused(s.post(CREATE, body, "Authorization", "KB-Ed25519 " + sig), 401, "unauthorized");
    }

    @Test
    void aNewMailboxKeyMustBeAValidKey() throws Exception {
        // Small order, mixed order (prime-order part plus a torsion point), not canonical: a create
        // validates the key in full before it is stored, since later requests do not check it again.
        for (String key : List.of("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
                "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")) {
            String nonce = r.challenge();
            ObjectNode body = validCreate(nonce);
            body.put("publicKey", key);
            refused(r.send(CREATE, nonce, body), 401, "unauthorized");
        }
    }

    @Test
    void missingSignature() throws Exception {
        String nonce = r.challenge();
        refused(s.post(CREATE, TestServer.JSON.writeValueAsBytes(validCreate(nonce))), 401, "missing_signature");
    }

    @Test
    void replayedRequest() throws Exception {
        String nonce = r.challenge();
        ObjectNode body = validCreate(nonce);
        assertEquals(200, r.send(CREATE, nonce, body).statusCode());
        HttpResponse<byte[]> replay = r.send(CREATE, nonce, body);
        assertEquals(409, replay.statusCode());
        assertEquals("nonce_used", TestServer.json(replay).get("error").asText());
        assertEquals(1, s.rows("events"));
    }

    @Test
    void expiredNonce() throws Exception {
        String nonce = r.challenge();
        s.clock.advance(Duration.ofMinutes(6));
        refused(r.send(CREATE, nonce, validCreate(nonce)), 400, "nonce_expired");
    }

    @Test
    void forgedNonce() throws Exception {
        byte[] raw = Base64.getUrlDecoder().decode(r.challenge());
        raw[0] ^= 1;
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        refused(r.send(CREATE, forged, validCreate(forged)), 400, "bad_nonce");
    }

    @Test
    void insufficientProofOfWork() throws Exception {
        String nonce = r.challenge();
        ObjectNode body = validCreate(nonce);
        byte[] nonceBytes = Base64.getUrlDecoder().decode(nonce);
        for (long i = 0;; i++) {
            byte[] pow = java.nio.ByteBuffer.allocate(8).putLong(i).array();
            if (nl.klachtenbalie.server.reporter.ProofOfWork.leadingZeroBits(nonceBytes, pow) < 2) {
                body.put("pow", Reporter.HEX.formatHex(pow));
                break;
            }
        }
        refused(r.send(CREATE, nonce, body), 400, "pow_insufficient");
    }

    @Test
    void reducedPuzzleIsGloballyRateLimited() throws Exception {
        int accepted = 0;
        int sent = 0;
        HttpResponse<byte[]> last = null;
        // Three reduced-puzzle creates against a limit of two; a solution that happens to meet the
        // full puzzle is not a reduced one, so it is not sent and another reporter tries instead.
        for (int i = 0; i < 40 && sent < 3; i++) {
            Reporter ri = new Reporter(s);
            String nonce = ri.challenge();
            ObjectNode body = ri.createBody(nonce, 2, Reporter.randomId(), Blobs.fake(2048), List.of());
            byte[] nonceBytes = Base64.getUrlDecoder().decode(nonce);
            byte[] pow = Reporter.HEX.parseHex(body.get("pow").asText());
            if (nl.klachtenbalie.server.reporter.ProofOfWork.leadingZeroBits(nonceBytes, pow) >= 8) {
                continue; // solved the full puzzle by luck
            }
            last = ri.send(CREATE, nonce, body);
            sent++;
            if (last.statusCode() == 200) {
                accepted++;
            }
        }
        assertEquals(3, sent);
        assertEquals(2, accepted, "pow.reduced-per-hour=2");
        assertEquals(429, last.statusCode());
        assertEquals("reduced_pow_busy", TestServer.json(last).get("error").asText());
    }

    @Test
    void unknownMailboxAnswersLikeAWrongSignature() throws Exception {
        Reporter owner = new Reporter(s);
        assertEquals(200, owner.create(Reporter.randomId(), Blobs.fake(2048), List.of()).statusCode());
        Reporter impostor = new Reporter(s);
        System.arraycopy(owner.mailbox, 0, impostor.mailbox, 0, 16);
        HttpResponse<byte[]> wrongKey = impostor.events(0);
        HttpResponse<byte[]> unknown = new Reporter(s).events(0);
        assertEquals(401, wrongKey.statusCode());
        assertEquals(401, unknown.statusCode());
        assertArrayEquals(wrongKey.body(), unknown.body());
        assertEquals(wrongKey.headers().map().keySet(), unknown.headers().map().keySet());
    }

    @Test
    void unknownPathAndMethod() throws Exception {
        HttpResponse<byte[]> notFound = s.post("/api/v1/nope", "{}".getBytes(StandardCharsets.US_ASCII));
        assertEquals(404, notFound.statusCode());
        assertEquals("not_found", TestServer.json(notFound).get("error").asText());
        HttpResponse<byte[]> get = s.get(CREATE);
        assertTrue(get.statusCode() == 404 || get.statusCode() == 405);
        assertTrue(TestServer.json(get).has("error"));
    }
}
