package nl.klachtenbalie.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import nl.klachtenbalie.server.config.ConfigLoader;
import nl.klachtenbalie.server.config.ServerConfig;
import nl.klachtenbalie.server.db.Database;

import org.jdbi.v3.core.Jdbi;

/** The real server on port 0 with a generated team, plus a real HTTP client. */
final class TestServer implements AutoCloseable {

    static final String DEPLOYMENT = "test.klachtenbalie";
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final TestTeam team;
    final MutableClock clock;
    final ServerConfig config;
    final KlachtenbalieServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestServer(Path dir, Map<String, String> overrides) throws Exception {
        this.dir = Files.createDirectories(dir);
        SecureRandom random = new SecureRandom();
        this.team = TestTeam.generate(DEPLOYMENT, random);
        this.clock = new MutableClock(Instant.parse("2026-03-10T10:00:00Z"));
        Path bundle = dir.resolve("team-bundle.json");
        Files.write(bundle, team.bundle(1, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
        Map<String, String> values = new HashMap<>();
        values.put("server.port", "0");
        values.put("data.dir", "data");
        values.put("deployment.id", DEPLOYMENT);
        values.put("deployment.root-key", HexFormat.of().formatHex(team.rootPublicKey()));
        values.put("deployment.argon2-salt", HexFormat.of().formatHex(team.argon2Salt()));
        values.put("team.bundle-file", "team-bundle.json");
        values.put("pow.difficulty", "8");
        values.put("pow.reduced-difficulty", "2");
        values.put("pow.reduced-per-hour", "2");
        values.put("team.argon2-memory-kib", "1024");
        values.put("team.argon2-iterations", "1");
        values.putAll(overrides);
        this.config = ConfigLoader.fromMap(values, Map.of(), dir);
        Files.createDirectories(config.dataDir());
        Jdbi jdbi = Database.open(config.databaseFile());
        this.server = new KlachtenbalieServer(config, jdbi, clock, random).start();
    }

    static TestServer start(Path dir) throws Exception {
        return new TestServer(dir, Map.of());
    }

    static TestServer start(Path dir, Map<String, String> overrides) throws Exception {
        return new TestServer(dir, overrides);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<byte[]> post(String path, byte[] body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** Number of rows in a table, read straight from the database. */
    long rows(String table) {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    @Override
    public void close() {
        server.stop();
    }
}
