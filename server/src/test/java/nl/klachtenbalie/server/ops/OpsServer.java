package nl.klachtenbalie.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;
import nl.klachtenbalie.server.KlachtenbalieServer;
import nl.klachtenbalie.server.TestTeam;
import nl.klachtenbalie.server.blob.AgeBlobPolicy;
import nl.klachtenbalie.server.cli.ServerCommand;
import nl.klachtenbalie.server.config.ConfigLoader;
import nl.klachtenbalie.server.config.ServerConfig;
import nl.klachtenbalie.server.db.Database;
import nl.klachtenbalie.server.reporter.ProofOfWork;
import picocli.CommandLine;

/**
 * The real server as an operator runs it: a properties file on disk (the same file the CLI commands
 * read), the server started from it on port 0, and a minimal reporter speaking the real HTTP API.
 */
final class OpsServer implements AutoCloseable {

    static final String DEPLOYMENT = "ops.klachtenbalie";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    final Path configFile;
    final ServerConfig config;
    final KlachtenbalieServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private OpsServer(Path configFile) throws Exception {
        this.configFile = configFile;
        this.config = ConfigLoader.load(configFile, java.util.Map.of());
        Files.createDirectories(config.dataDir());
        this.server = new KlachtenbalieServer(config, Database.open(config.databaseFile()), Clock.systemUTC(), RANDOM).start();
    }

    /** Writes a config (and the team's signed bundle) into {@code dir}; {@code dataDir} relative to it. */
    static Path writeConfig(Path dir, String dataDir, TestTeam team, String... extraLines) throws Exception {
        Files.createDirectories(dir);
        Files.write(dir.resolve("team-bundle.json"), team.bundle(1, LocalDate.now(ZoneOffset.UTC)));
        StringBuilder p = new StringBuilder()
                .append("server.host=127.0.0.1\nserver.port=0\n")
                .append("data.dir=").append(dataDir).append('\n')
                .append("deployment.id=").append(DEPLOYMENT).append('\n')
                .append("deployment.root-key=").append(HEX.formatHex(team.rootPublicKey())).append('\n')
                .append("deployment.argon2-salt=").append(HEX.formatHex(team.argon2Salt())).append('\n')
                .append("team.bundle-file=team-bundle.json\n")
                .append("pow.difficulty=8\npow.reduced-difficulty=2\n")
                .append("limits.events-per-day=10000\n")
                .append("team.argon2-memory-kib=1024\nteam.argon2-iterations=1\n");
        for (String line : extraLines) {
            p.append(line).append('\n');
        }
        Path file = dir.resolve("server.properties");
        Files.writeString(file, p.toString(), StandardCharsets.UTF_8);
        return file;
    }

    static OpsServer start(Path configFile) throws Exception {
        return new OpsServer(configFile);
    }

    /** Runs {@code bin/server ARGS} in-process; returns the exit code, output into {@code out}. */
    static int cli(StringBuilder out, String... args) {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            return new CommandLine(new ServerCommand()).execute(args);
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
            out.append(bytes.toString(StandardCharsets.UTF_8));
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<byte[]> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A padded, well-formed (but fake) age file of {@code bucket} bytes of plaintext. */
    static byte[] blob(int bucket, long seed) {
        Random r = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String header = "age-encryption.org/v1\n-> X25519 " + b64(r, 32) + "\n" + b64(r, 32) + "\n--- " + b64(r, 32) + "\n";
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        byte[] payload = new byte[(int) AgeBlobPolicy.payloadSize(bucket)];
        r.nextBytes(payload);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static String b64(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }

    /** A reporter's browser as the server sees it: a mailbox id, a signing key and signed POSTs. */
    static final class Reporter {
        final byte[] mailbox = new byte[16];
        final Ed25519PrivateKey key;

        Reporter() {
            RANDOM.nextBytes(mailbox);
            key = Ed25519PrivateKey.generate(RANDOM);
        }

        /** The same reporter (same mailbox and key), to talk to a restarted server. */
        Reporter(byte[] mailbox, Ed25519PrivateKey key) {
            System.arraycopy(mailbox, 0, this.mailbox, 0, 16);
            this.key = key;
        }

        static String newId() {
            byte[] b = new byte[16];
            RANDOM.nextBytes(b);
            return HEX.formatHex(b);
        }

        private String challenge(OpsServer s) throws Exception {
            return JSON.readTree(s.post("/api/v1/challenge", new byte[0]).body()).get("nonce").asText();
        }

        JsonNode create(OpsServer s, byte[] report) throws Exception {
            String nonce = challenge(s);
            ObjectNode b = JSON.createObjectNode();
            b.put("mailbox", HEX.formatHex(mailbox));
            b.put("publicKey", key.publicKey().hex());
            b.put("nonce", nonce);
            b.put("pow", HEX.formatHex(ProofOfWork.solve(Base64.getUrlDecoder().decode(nonce), 8)));
            b.put("clientEventId", newId());
            b.put("report", Base64.getEncoder().encodeToString(report));
            b.putArray("attachments");
            return send(s, "/api/v1/mailbox/create", nonce, b);
        }

        JsonNode append(OpsServer s, byte[] message) throws Exception {
            String nonce = challenge(s);
            ObjectNode b = base(nonce);
            b.put("clientEventId", newId());
            b.put("message", Base64.getEncoder().encodeToString(message));
            return send(s, "/api/v1/mailbox/append", nonce, b);
        }

        JsonNode events(OpsServer s, long after) throws Exception {
            String nonce = challenge(s);
            ObjectNode b = base(nonce);
            b.put("after", after);
            return send(s, "/api/v1/mailbox/events", nonce, b);
        }

        private ObjectNode base(String nonce) {
            ObjectNode b = JSON.createObjectNode();
            b.put("mailbox", HEX.formatHex(mailbox));
            b.put("nonce", nonce);
            return b;
        }

        private JsonNode send(OpsServer s, String path, String nonce, ObjectNode body) throws Exception {
            byte[] bytes = JSON.writeValueAsBytes(body);
            byte[] sig = key.sign(SignatureContext.REQUEST, DEPLOYMENT, "POST".getBytes(StandardCharsets.US_ASCII),
                    path.getBytes(StandardCharsets.US_ASCII), mailbox, Base64.getUrlDecoder().decode(nonce),
                    MessageDigest.getInstance("SHA-256").digest(bytes));
            HttpResponse<byte[]> r = s.post(path, bytes, "Authorization", "KB-Ed25519 " + Base64.getEncoder().encodeToString(sig));
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            return JSON.readTree(r.body());
        }
    }
}
