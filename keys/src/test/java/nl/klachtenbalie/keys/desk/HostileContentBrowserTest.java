package nl.klachtenbalie.keys.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import nl.klachtenbalie.crypto.event.AttachmentRef;
import nl.klachtenbalie.crypto.event.ReportForm;
import nl.klachtenbalie.keys.desk.text.Messages;
import nl.klachtenbalie.keys.desk.web.DeskWeb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile decrypted content in a real browser: reports full of HTML and script payloads are
 * imported through the desk's UI in Debian's Chromium, and the node script
 * ({@code keys/src/test/js/hostile-content.mjs}) checks that nothing runs, no request leaves the
 * desk, and every payload is visible as text. Screenshots land in {@code keys/target/screenshots/}.
 */
class HostileContentBrowserTest {

    static final List<String> PAYLOADS = List.of(
            "<script>window.__pwned=1;document.title='PWNED';fetch('http://marker.invalid/script')</script>",
            "<img src=x onerror=\"document.title='PWNED';fetch('http://marker.invalid/img')\">",
            "<a href=\"javascript:document.title='PWNED'\">click me</a>",
            "<svg onload=\"document.title='PWNED'\"><script>fetch('http://marker.invalid/svg')</script></svg>",
            "\"><iframe src=\"http://marker.invalid/iframe\"></iframe>",
            "<style>body{background:url(http://marker.invalid/css)}</style>",
            "<meta http-equiv=\"refresh\" content=\"0;url=http://marker.invalid/meta\">",
            "{{7*7}} ${7*7} \u202Egnp.exe");

    @TempDir
    Path tmp;

    @Test
    void hostilePayloadsAreShownAsTextAndNeverRun() throws Exception {
        Path repo = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
        Path clientWeb = repo.resolve("client-web");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "Debian chromium is not installed");
        assumeTrue(Files.isDirectory(clientWeb.resolve("node_modules/playwright-core")),
                "run 'npm ci' in client-web first (the Maven build does)");
        try (DeskHarness h = DeskHarness.create(tmp)) {
            Path media = Files.createDirectories(tmp.resolve("media/usb"));
            ExportBuilder export = new ExportBuilder(0);
            SimulatedReporter script = new SimulatedReporter();
            ReportForm form = new ReportForm(ReportForm.Kind.COMPLAINT, ReportForm.About.GEMEENTE, ReportForm.Topic.ENFORCEMENT,
                    "<img src=x onerror=alert(1)>", YearMonth.of(2026, 1), null, null, null, "nl", null);
            byte[] photo = DeskHarness.image("jpg", Color.ORANGE);
            byte[] polyglot = ("\u0089PNG\r\n\u001a\n<html><script>fetch('http://marker.invalid/polyglot')</script>")
                    .getBytes(StandardCharsets.ISO_8859_1);
            var sealed = script.report(String.join("\n", PAYLOADS), form, List.of(photo, polyglot),
                    List.of(AttachmentRef.ImageType.JPEG, AttachmentRef.ImageType.PNG));
            sealed.forEach(e -> export.reporter(script, e, TeamFixture.TODAY));
            export.reporter(script, script.message("<script>document.title='PWNED'</script> follow-up"), TeamFixture.TODAY);
            SimulatedReporter plain = new SimulatedReporter();
            export.reporter(plain, plain.report("Mijn verhuurder eist een jaar huur vooruit. " + PAYLOADS.get(1)),
                    TeamFixture.TODAY.minusDays(9));
            export.write(media.resolve("klachtenbalie-export.json"));

            DeskWeb web = DeskWeb.start(h.desk, h.kaart(), new Messages(Locale.ENGLISH), new SecureRandom(), 0,
                    List.of(tmp.resolve("media")));
            try {
                Path shots = repo.resolve("keys/target/screenshots");
                Process p = new ProcessBuilder("node", repo.resolve("keys/src/test/js/hostile-content.mjs").toString(),
                        web.url(), clientWeb.toString(), shots.toString()).redirectErrorStream(true).start();
                boolean finished = p.waitFor(180, TimeUnit.SECONDS);
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!finished) {
                    p.destroyForcibly();
                }
                assertEquals(0, finished ? p.exitValue() : -1, out);
            } finally {
                web.stop();
            }
        }
    }
}
