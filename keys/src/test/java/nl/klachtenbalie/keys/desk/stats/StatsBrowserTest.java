package nl.klachtenbalie.keys.desk.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import nl.klachtenbalie.keys.desk.DeskHarness;
import nl.klachtenbalie.keys.desk.TeamFixture;
import nl.klachtenbalie.keys.desk.text.Messages;
import nl.klachtenbalie.keys.desk.web.DeskWeb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistics page in Debian's Chromium: a worker makes the quarterly ministry report in a few
 * clicks, downloads the CSV and opens the printable report; the node script
 * ({@code keys/src/test/js/stats-report.mjs}) checks the charts are there and legible (bars and
 * labels present, non-zero size, labels readable text), that the CSP blocked nothing and that no
 * request left the desk. Screenshots: {@code keys/target/screenshots/stats-*.png}.
 */
class StatsBrowserTest {

    @TempDir
    Path tmp;

    @Test
    void theQuarterlyMinistryReportRendersLegibleCharts() throws Exception {
        Path repo = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
        Path clientWeb = repo.resolve("client-web");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "Debian chromium is not installed");
        assumeTrue(Files.isDirectory(clientWeb.resolve("node_modules/playwright-core")),
                "run 'npm ci' in client-web first (the Maven build does)");
        // Two years of plausible cases up to the desk's today (statistics read codes, not text).
        YearMonth now = YearMonth.from(TeamFixture.TODAY);
        List<StatCase> cases = new ArrayList<>(Cases.random(new Random(2026), 1500, now.minusMonths(35), 36));
        try (DeskHarness h = DeskHarness.create(tmp)) {
            StatsService stats = new StatsService(k -> cases, new SuppressionPropertyTest.MemoryStore(),
                    StatsConfig.defaults(), TeamFixture.CLOCK, new SecureRandom());
            DeskWeb web = DeskWeb.start(h.desk, h.kaart(), stats, new Messages(Locale.ENGLISH), new SecureRandom(), 0,
                    List.of(tmp.resolve("media")));
            try {
                Path shots = repo.resolve("keys/target/screenshots");
                Process p = new ProcessBuilder("node", repo.resolve("keys/src/test/js/stats-report.mjs").toString(),
                        web.url(), clientWeb.toString(), shots.toString()).redirectErrorStream(true).start();
                boolean finished = p.waitFor(180, TimeUnit.SECONDS);
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!finished) {
                    p.destroyForcibly();
                }
                assertEquals(0, finished ? p.exitValue() : -1, out);
                assertEquals(3, stats.releases().size(), "national, regional and evaluation reports were recorded");
            } finally {
                web.stop();
            }
        }
    }
}
