package nl.klachtenbalie.keys.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.klachtenbalie.keys.desk.text.Messages;
import nl.klachtenbalie.keys.desk.web.DeskWeb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real desk web server on an ephemeral port, driven by a raw HTTP client: the guard refuses
 * foreign hosts, missing or wrong secrets and cross-origin posts; every response carries the
 * no-store, nosniff and sandboxing headers; a whole import → reply → outbox cycle works over HTTP.
 */
class DeskHttpTest {

    @TempDir
    Path tmp;

    DeskHarness h;
    DeskWeb web;
    RawHttp http;
    String base;
    final List<RawHttp.Response> seen = new ArrayList<>();
    SimulatedReporter rep;
    Path usb;

    @BeforeEach
    void start() throws Exception {
        h = DeskHarness.create(tmp);
        usb = Files.createDirectories(tmp.resolve("media/usb"));
        rep = new SimulatedReporter();
        new ExportBuilder(0).reporter(rep, rep.report(DeskServiceTest.STORY), TeamFixture.TODAY).write(usb.resolve("export.json"));
        web = DeskWeb.start(h.desk, h.kaart(), new Messages(Locale.ENGLISH), new SecureRandom(), 0, List.of(tmp.resolve("media")));
        http = new RawHttp(web.port());
        base = URI.create(web.url()).getPath().replaceAll("/$", "");
        assertTrue(web.url().startsWith("http://127.0.0.1:" + web.port() + "/"));
    }

    @AfterEach
    void stop() throws IOException {
        web.stop();
        h.close();
        for (RawHttp.Response r : seen) {
            assertEquals("no-store, max-age=0", r.header("Cache-Control"), "every response: no-store");
            assertEquals("nosniff", r.header("X-Content-Type-Options"));
            assertTrue(r.header("Content-Security-Policy").startsWith("default-src 'none'"));
            assertTrue(r.header("Content-Security-Policy").contains("sandbox"));
        }
    }

    private RawHttp.Response keep(RawHttp.Response r) {
        seen.add(r);
        return r;
    }

    private Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("k", base.substring(1));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        String url = web.url();
        assertTrue(url.matches("http://127\\.0\\.0\\.1:[0-9]+/[A-Za-z0-9_-]{43}/"), url);
        // The socket is bound to 127.0.0.1, not the wildcard: a connection to another local address fails.
        for (var nif : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (var addr : java.util.Collections.list(nif.getInetAddresses())) {
                if (!addr.isLoopbackAddress() && addr instanceof java.net.Inet4Address) {
                    try (var s = new java.net.Socket()) {
                        s.connect(new java.net.InetSocketAddress(addr, web.port()), 1000);
                        throw new AssertionError("reachable on " + addr);
                    } catch (IOException expected) {
                        // refused: good
                    }
                }
            }
        }
    }

    @Test
    void refusesForeignHostsAndMissingSecrets() throws Exception {
        assertEquals(200, keep(http.get(base + "/")).status());
        for (String host : List.of("evil.example:" + web.port(), "127.0.0.1:" + (web.port() + 1), "127.0.0.1",
                "localhost.evil.example:" + web.port())) {
            RawHttp.Response r = keep(http.request("GET", base + "/", Map.of("Host", host), null));
            assertEquals(421, r.status(), host);
            assertFalse(r.text().contains(base), "a refusal never shows the secret");
        }
        assertEquals(421, keep(http.request("GET", base + "/", Map.of(), null)).status(), "no Host header");
        assertEquals(200, keep(http.request("GET", base + "/", Map.of("Host", "localhost:" + web.port()), null)).status());
        String wrong = "/" + "A".repeat(43) + "/";
        for (String path : List.of("/", "/case/x", wrong, base + "x/", base.substring(0, base.length() - 1) + "/")) {
            RawHttp.Response r = keep(http.get(path));
            assertEquals(403, r.status(), path);
            assertFalse(r.text().contains(base));
        }
        assertEquals(404, keep(http.get(base + "/nothing-here")).status());
        RawHttp.Response css = keep(http.get(base + "/static/desk.css"));
        assertEquals("text/css; charset=utf-8", css.header("Content-Type"));
    }

    @Test
    void statechangingRequestsNeedTheOriginAndTheSecretField() throws Exception {
        keep(http.post(base + "/import", form("path", usb.resolve("export.json").toString())));
        awaitImport();
        String casePath = RawHttp.firstCaseLink(keep(http.get(base + "/")).text());
        String note = casePath + "/note";
        Map<String, String> ok = form("text", "a note");
        String host = "127.0.0.1:" + web.port();
        // no Origin at all
        assertEquals(403, keep(http.request("POST", note, Map.of("Host", host), ok)).status());
        // a foreign origin (CSRF from another page in the desk's browser)
        assertEquals(403, keep(http.request("POST", note, Map.of("Host", host, "Origin", "http://evil.example"), ok)).status());
        assertEquals(403, keep(http.request("POST", note, Map.of("Host", host, "Origin", "null"), ok)).status());
        // the right Origin but the browser says the request came from another site
        assertEquals(403, keep(http.request("POST", note, Map.of("Host", host, "Origin", http.origin(),
                "Sec-Fetch-Site", "cross-site"), ok)).status());
        // same origin, but no secret in the form
        assertEquals(403, keep(http.post(note, Map.of("text", "a note"))).status());
        assertEquals(0, h.desk.get(rep.mailbox()).orElseThrow().notes().size(), "nothing refused changed anything");
        RawHttp.Response done = keep(http.post(note, ok));
        assertEquals(303, done.status());
        assertEquals(casePath, done.header("Location"));
        assertEquals("a note", h.desk.get(rep.mailbox()).orElseThrow().notes().get(0).text());
    }

    @Test
    void importReplyAndOutboxOverHttp() throws Exception {
        RawHttp.Response importPage = keep(http.get(base + "/import"));
        assertTrue(importPage.text().contains(usb.resolve("export.json").toString()), "the export on the stick is offered");
        keep(http.post(base + "/import", form("path", usb.resolve("export.json").toString())));
        String status = awaitImport();
        assertTrue(status.contains("New cases: 1"), status);
        assertEquals(303, keep(http.post(base + "/import/wipe", form())).status());
        assertFalse(Files.exists(usb.resolve("export.json")), "wiped from the stick");

        RawHttp.Response list = keep(http.get(base + "/"));
        String casePath = RawHttp.firstCaseLink(list.text());
        assertFalse(casePath.contains(rep.mailbox()), "no mailbox id in URLs (browser history is on disk)");
        RawHttp.Response casePage = keep(http.get(casePath));
        assertTrue(casePage.text().contains("Mijn exploitant houdt de helft van mijn fooien in"));
        RawHttp.Response composer = keep(http.get(casePath + "/reply?lang=pl&template=acknowledgement"));
        assertTrue(composer.text().contains("Dzień dobry"));
        RawHttp.Response referral = keep(http.get(casePath + "/reply?lang=nl&org=proud"));
        assertTrue(referral.text().contains("PROUD"));
        assertEquals(303, keep(http.post(casePath + "/reply", form("lang", "pl", "text", "Dzień dobry, dziękujemy."))).status());
        assertEquals(303, keep(http.post(casePath + "/state", form("state", "in_progress"))).status());
        assertEquals(303, keep(http.post(base + "/outbox", form("dir", usb.toString()))).status());
        Path outbox;
        try (var files = Files.list(usb)) {
            outbox = files.filter(p -> p.getFileName().toString().startsWith("klachtenbalie-outbox-")).findFirst().orElseThrow();
        }
        var payload = DeskServiceTest.verifyOutbox(outbox);
        assertEquals(1, payload.path("replies").size());
        assertEquals(1, payload.path("internal").size());
        assertTrue(keep(http.get(base + "/outbox")).text().contains("0 items wait"));
        assertEquals(200, keep(http.get(base + "/kaart?topic=money")).status());
    }

    private String awaitImport() throws Exception {
        for (int i = 0; i < 200; i++) {
            RawHttp.Response r = keep(http.get(base + "/import/status"));
            if (!r.text().contains("<progress max=\"100\" value=\"") || r.text().contains("Import finished")) {
                return r.text();
            }
            assertEquals("1", r.header("Refresh"));
            Thread.sleep(50);
        }
        throw new AssertionError("import did not finish");
    }
}
