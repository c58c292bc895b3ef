package nl.klachtenbalie.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import nl.klachtenbalie.server.error.ApiException;
import nl.klachtenbalie.server.hostile.Live;
import nl.klachtenbalie.server.http.Fields;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz targets for every JSON decoder of the server: the field decoders ({@link Fields}) directly,
 * and each JSON endpoint through the real server on port 0 — reporter bodies correctly signed with a
 * fresh nonce, team bodies with a valid session, outbox payloads correctly signed by the team
 * member — so the fuzzer's bytes reach {@code StrictJson} and everything behind it. Contract: only
 * {@link ApiException} escapes a decoder; no HTTP answer is a 5xx.
 *
 * <p>Placeholders in the seeds are replaced before sending, so seeds can be nearly valid requests:
 * {@code @NONCE@}, {@code @MAILBOX@}, {@code @KEY@}, {@code @BLOB@} (a valid 2048-bucket age blob).
 */
class JsonEndpointFuzzTest {

    private static final String[] REPORTER = {"/api/v1/mailbox/create", "/api/v1/mailbox/append",
        "/api/v1/mailbox/events", "/api/v1/mailbox/delete"};
    private static final String BLOB = Live.b64(Live.blob(2048, 7));

    static Path dir;
    static Live s;
    static Live.Client owner;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("json-fuzz");
        s = Live.start(dir, Map.of("limits.max-request-bytes", "300000"));
        owner = new Live.Client(s);
        assertEquals(200, owner.create(Live.randomId(), Live.blob(2048, 1), List.of()).statusCode());
        token = s.teamLogin("fuzz");
    }

    @AfterAll
    static void stop() throws Exception {
        s.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Hex and canonical base64: an accepted string re-encodes to itself; refusals are ApiExceptions. */
    @FuzzTest(maxDuration = "10m")
    void fieldDecoders(FuzzedDataProvider in) {
        int bytes = in.consumeInt(0, 64);
        String value = in.consumeRemainingAsString();
        try {
            byte[] hex = Fields.hex(value, bytes, "f");
            assertEquals(value, Live.HEX.formatHex(hex));
        } catch (ApiException refused) {
            assertEquals(400, refused.status());
        }
        try {
            byte[] b = Fields.base64(value, "f");
            assertEquals(value, Base64.getEncoder().encodeToString(b), "only the canonical spelling is accepted");
        } catch (ApiException refused) {
            assertEquals(400, refused.status());
        }
    }

    /** The reporter API: first byte picks the endpoint, the rest is the (signed) body. */
    @FuzzTest(maxDuration = "10m")
    void reporterEndpoints(byte[] data) throws Exception {
        if (data.length == 0) {
            return;
        }
        String path = REPORTER[(data[0] & 0xff) % REPORTER.length];
        String nonce = owner.challenge();
        byte[] body = fill(Arrays.copyOfRange(data, 1, data.length), nonce);
        assertNot5xx(path, owner.sendRaw(path, nonce, body));
    }

    /** The team API: login, confirm, outbox file, bundle — first byte picks, the rest is the body. */
    @FuzzTest(maxDuration = "10m")
    void teamEndpoints(byte[] data) throws Exception {
        if (data.length == 0) {
            return;
        }
        String[] calls = {"login", "export/confirm", "outbox", "bundle", "status"};
        String path = s.config.teamPath() + "/api/" + calls[(data[0] & 0xff) % calls.length];
        byte[] body = fill(Arrays.copyOfRange(data, 1, data.length), "");
        assertNot5xx(path, s.post(path, body, "Authorization", "Bearer " + token));
    }

    /** The outbox payload decoder, reached through a valid signature by the active team member. */
    @FuzzTest(maxDuration = "10m")
    void outboxPayload(byte[] data) throws Exception {
        byte[] payload = fill(data, "");
        assertNot5xx("outbox", s.post(s.config.teamPath() + "/api/outbox", Live.outboxFile(s.team.memberSigningKey(), payload),
                "Authorization", "Bearer " + token));
    }

    private static byte[] fill(byte[] template, String nonce) {
        String t = new String(template, StandardCharsets.ISO_8859_1);
        if (!t.contains("@")) {
            return template;
        }
        t = t.replace("@NONCE@", nonce).replace("@MAILBOX@", Live.HEX.formatHex(owner.mailbox))
                .replace("@KEY@", owner.key.publicKey().hex()).replace("@BLOB@", BLOB)
                .replace("@ID@", Live.HEX.formatHex(Live.randomId()));
        return t.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void assertNot5xx(String what, HttpResponse<byte[]> r) {
        assertTrue(r.statusCode() < 500, what + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
    }
}
