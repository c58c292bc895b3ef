package nl.klachtenbalie.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import nl.klachtenbalie.server.KlachtenbalieServer;
import nl.klachtenbalie.server.config.ConfigLoader;
import nl.klachtenbalie.server.config.ServerConfig;
import nl.klachtenbalie.server.db.Database;
import nl.klachtenbalie.server.team.TeamAccounts;
import nl.klachtenbalie.server.team.Totp;

/**
 * The operator and the transfer machine: the real server on port 0 holding only the team's public
 * files, and a transfer-page client that logs in with password and TOTP, downloads exports and
 * uploads outboxes over HTTP exactly as the transfer page does.
 */
final class Operator implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dataDir;
    private final KlachtenbalieServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final TeamAccounts.NewAccount account;
    private String token;

    Operator(Path dir, String deploymentId, String rootKeyHex, String saltHex, Path bundleFile) throws Exception {
        Files.createDirectories(dir.resolve("web"));
        // The deployment's pins, served in place of the built-in test pins (as bin/server demo does).
        Files.writeString(dir.resolve("web/deployment.js"), "export const DEPLOYMENT = Object.freeze({ test: true, id: \""
                + deploymentId + "\", rootKey: \"" + rootKeyHex + "\", argon2: Object.freeze({ salt: \"" + saltHex
                + "\", m: 19456, t: 2, p: 1 }) });\nexport const EXIT_URL = \"https://www.buienradar.nl/\";\n"
                + "export const ACK_DAYS = 7;\nexport const FEEDBACK_MONTHS = 3;\n");
        Map<String, String> values = new HashMap<>();
        values.put("server.port", "0");
        values.put("data.dir", "data");
        values.put("deployment.id", deploymentId);
        values.put("deployment.root-key", rootKeyHex);
        values.put("deployment.argon2-salt", saltHex);
        values.put("team.bundle-file", bundleFile.toAbsolutePath().toString());
        values.put("web.override-dir", "web");
        values.put("pow.difficulty", "12");
        values.put("pow.reduced-difficulty", "8");
        values.put("team.argon2-memory-kib", "8192");
        values.put("team.argon2-iterations", "1");
        ServerConfig config = ConfigLoader.fromMap(values, Map.of(), dir);
        this.dataDir = config.dataDir();
        Files.createDirectories(dataDir);
        this.server = new KlachtenbalieServer(config, Database.open(config.databaseFile()), Clock.systemUTC(),
                new SecureRandom()).start();
        this.account = server.teamAccounts().add("transfer");
    }

    String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Logs in on the transfer page API with password and the current TOTP code. */
    void login() throws IOException, InterruptedException {
        byte[] secret = Base32.decode(account.totpSecretBase32());
        String code = Totp.code(secret, Totp.step(System.currentTimeMillis() / 1000), Totp.DIGITS);
        String body = JSON.writeValueAsString(Map.of("name", account.name(), "password", account.password(), "totp", code));
        HttpResponse<byte[]> r = post("/transfer/api/login", body.getBytes(StandardCharsets.UTF_8), false);
        this.token = JSON.readTree(r.body()).get("token").asText();
    }

    /** Downloads everything new as one export file, then confirms it (the cursor moves on). */
    Path exportTo(Path file) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = post("/transfer/api/export", "{}".getBytes(StandardCharsets.UTF_8), true);
        Files.write(file, r.body());
        String through = r.headers().firstValue("X-Export-Through").orElseThrow();
        post("/transfer/api/export/confirm", ("{\"through\":" + through + "}").getBytes(StandardCharsets.UTF_8), true);
        return file;
    }

    /** Publishes a newly signed team bundle through the transfer page (docs/api.md). */
    JsonNode publishBundle(Path bundle) throws IOException, InterruptedException {
        return JSON.readTree(post("/transfer/api/bundle", Files.readAllBytes(bundle), true).body());
    }

    /** Uploads the desk's outbox file; returns the server's counts. */
    JsonNode uploadOutbox(Path outbox) throws IOException, InterruptedException {
        return JSON.readTree(post("/transfer/api/outbox", Files.readAllBytes(outbox), true).body());
    }

    private HttpResponse<byte[]> post(String path, byte[] body, boolean auth) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        if (auth) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new AssertionError(path + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r;
    }

    @Override
    public void close() {
        server.stop();
    }
}
