package nl.klachtenbalie.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import nl.klachtenbalie.server.TestTeam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/check-live-assets.py}, as the operator guide tells people to run it: against the
 * real server with the built client, it says ok; when a file of the page is swapped (here through
 * {@code web.override-dir}, as a hostile operator could), it raises the alarm and exits 1.
 */
class LiveAssetCheckTest {

    @TempDir
    Path tmp;

    private static String[] run(Path manifest, String url) throws Exception {
        Process p = new ProcessBuilder("python3", DeployConfigTest.repo().resolve("deploy/check-live-assets.py").toString(),
                manifest.toString(), url).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new String[] {Integer.toString(p.exitValue()), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)};
    }

    @Test
    void checkLiveAssetsSeesASwappedFile() throws Exception {
        Optional<Path> python = DeployConfigTest.onPath("python3");
        assumeTrue(python.isPresent(), "python3 is not installed");
        Path manifest = tmp.resolve("asset-manifest.json");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("web/asset-manifest.json")) {
            assumeTrue(in != null, "the built client (client-web) is not on the test classpath");
            Files.write(manifest, in.readAllBytes());
        }
        TestTeam team = TestTeam.generate(OpsServer.DEPLOYMENT, new SecureRandom());
        Path web = Files.createDirectories(tmp.resolve("srv/web"));
        try (OpsServer s = OpsServer.start(OpsServer.writeConfig(tmp.resolve("srv"), "data", team, "web.override-dir=web"))) {
            String url = "http://127.0.0.1:" + s.server.port() + "/";
            String[] ok = run(manifest, url);
            assertEquals("0", ok[0], ok[1]);
            assertTrue(ok[1].startsWith("ok: "), ok[1]);

            Files.writeString(web.resolve("app.css"), "body{background:url(data:,x)}\n");
            String[] alarm = run(manifest, url);
            assertEquals("1", alarm[0], alarm[1]);
            assertTrue(alarm[1].contains("CHANGED  app.css") && alarm[1].contains("ALARM"), alarm[1]);
            assertNotNull(alarm[1]);
        }
    }
}
