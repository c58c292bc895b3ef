package nl.klachtenbalie.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivacyHeadersTest {

    static final String REPORTER_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @TempDir
    Path dir;
    TestServer s;

    @BeforeEach
    void start() throws Exception {
        s = TestServer.start(dir, Map.of("http.hsts", "true"));
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private static void assertPrivate(HttpHeaders h, String csp) {
        assertEquals(csp, h.firstValue("Content-Security-Policy").orElse(null));
        assertEquals("no-referrer", h.firstValue("Referrer-Policy").orElse(null));
        assertEquals("no-store", h.firstValue("Cache-Control").orElse(null));
        assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("same-origin", h.firstValue("Cross-Origin-Opener-Policy").orElse(null));
        assertTrue(h.firstValue("Strict-Transport-Security").isPresent());
        for (String absent : List.of("Server", "Date", "ETag", "Last-Modified", "Set-Cookie", "X-Powered-By")) {
            assertFalse(h.firstValue(absent).isPresent(), absent + " must not be sent");
        }
    }

    @Test
    void everyKindOfResponseCarriesThePrivacyHeaders() throws Exception {
        List<HttpResponse<byte[]>> responses = List.of(
                s.post("/api/v1/challenge", new byte[0], "Cookie", "tracking=1"),
                s.post("/api/v1/mailbox/events", "{".getBytes(StandardCharsets.US_ASCII)),
                s.get("/health"),
                s.get("/metrics"),
                s.get("/team-bundle.json"),
                s.get("/no-such-file.js"),
                s.get("/../etc/passwd"));
        for (HttpResponse<byte[]> r : responses) {
            assertPrivate(r.headers(), REPORTER_CSP);
        }
    }

    @Test
    void theTransferPageHasItsOwnStricterPolicy() throws Exception {
        HttpResponse<byte[]> page = s.get("/transfer");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'none'"));
        assertPrivate(page.headers(), page.headers().firstValue("Content-Security-Policy").get());
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertFalse(html.contains("<script>"), "no inline script");
        assertFalse(html.contains("style="), "no inline style");
    }

    @Test
    void metricsAreCoarse() throws Exception {
        Reporter r = new Reporter(s);
        assertEquals(200, r.create(Reporter.randomId(), Blobs.fake(2048), List.of()).statusCode());
        String metrics = new String(s.get("/metrics").body(), StandardCharsets.UTF_8);
        assertTrue(metrics.contains("klachtenbalie_mailboxes_created_total 0"), "1 rounds down to 0");
        assertFalse(metrics.contains("{"), "no labels");
    }

    @Test
    void healthAnswers() throws Exception {
        HttpResponse<byte[]> h = s.get("/health");
        assertEquals(200, h.statusCode());
        assertEquals("ok", TestServer.json(h).get("status").asText());
        assertTrue(TestServer.json(h).get("teamBundle").asBoolean());
    }
}
