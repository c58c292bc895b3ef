package nl.klachtenbalie.server.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;
import nl.klachtenbalie.server.KlachtenbalieServer;
import nl.klachtenbalie.server.TestTeam;
import nl.klachtenbalie.server.blob.AgeBlobPolicy;
import nl.klachtenbalie.server.config.ConfigLoader;
import nl.klachtenbalie.server.config.ServerConfig;
import nl.klachtenbalie.server.db.Database;
import nl.klachtenbalie.server.reporter.ProofOfWork;
import nl.klachtenbalie.server.team.TeamAccounts;
import nl.klachtenbalie.server.team.Totp;
import org.jdbi.v3.core.Jdbi;

/**
 * The real server on port 0 (system clock, generated team) and a real HTTP client, for the
 * robustness suites in {@code hostile}, {@code fuzz}, {@code crash}, {@code disk} and {@code soak}.
 * The package-private {@code TestServer}/{@code Reporter} of the base suite are not reachable from
 * these packages, so this is their public, minimal twin.
 */
public final class Live implements AutoCloseable {

    public static final String DEPLOYMENT = "test.klachtenbalie";
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final HexFormat HEX = HexFormat.of();
    static final SecureRandom RANDOM = new SecureRandom();

    public final Path dir;
    public final TestTeam team;
    public final ServerConfig config;
    public final KlachtenbalieServer server;
    public final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Live(Path dir, Map<String, String> overrides) throws Exception {
        this.dir = Files.createDirectories(dir);
        this.team = TestTeam.generate(DEPLOYMENT, RANDOM);
        Map<String, String> values = configValues(dir, team);
        values.putAll(overrides);
        this.config = ConfigLoader.fromMap(values, Map.of(), dir);
        Files.createDirectories(config.dataDir());
        Jdbi jdbi = Database.open(config.databaseFile());
        this.server = new KlachtenbalieServer(config, jdbi, Clock.systemUTC(), RANDOM).start();
    }

    /** Config values for a test deployment of {@code team}; writes its bundle into {@code dir}. */
    public static Map<String, String> configValues(Path dir, TestTeam team) throws IOException {
        Files.write(dir.resolve("team-bundle.json"), team.bundle(1, LocalDate.now(ZoneOffset.UTC)));
        Map<String, String> values = new HashMap<>();
        values.put("server.port", "0");
        values.put("data.dir", "data");
        values.put("deployment.id", DEPLOYMENT);
        values.put("deployment.root-key", HEX.formatHex(team.rootPublicKey()));
        values.put("deployment.argon2-salt", HEX.formatHex(team.argon2Salt()));
        values.put("team.bundle-file", "team-bundle.json");
        values.put("pow.difficulty", "8");
        values.put("pow.reduced-difficulty", "2");
        values.put("pow.reduced-per-hour", "2");
        values.put("team.argon2-memory-kib", "1024");
        values.put("team.argon2-iterations", "1");
        values.put("limits.events-per-day", "10000");
        return values;
    }

    public static Live start(Path dir, Map<String, String> overrides) throws Exception {
        return new Live(dir, overrides);
    }

    public int port() {
        return server.port();
    }

    public HttpResponse<byte[]> post(String path, byte[] body, String... headers) throws IOException, InterruptedException {
        return send(http, port(), "POST", path, body, headers);
    }

    public static HttpResponse<byte[]> send(HttpClient http, int port, String method, String path, byte[] body,
            String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!typed && body != null) {
            b.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends raw bytes on a fresh socket and returns the status code of the answer (or -1 if the server closed). */
    public int raw(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            while (buf.size() < 1 << 20 && (n = in.read(chunk)) > 0) {
                buf.write(chunk, 0, n);
            }
            String head = buf.toString(StandardCharsets.ISO_8859_1);
            if (!head.startsWith("HTTP/1.1 ")) {
                return -1;
            }
            return Integer.parseInt(head.substring(9, 12));
        } catch (java.net.SocketException e) {
            return -1; // the server reset the connection: a refusal, not an answer
        }
    }

    /** Rows in {@code table}, read straight from the database. */
    public long rows(String table) {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    /** Row counts of every table that holds reporter or team data. */
    public Map<String, Long> counts() {
        Map<String, Long> m = new java.util.TreeMap<>();
        for (String t : List.of("mailboxes", "events", "team_blobs", "tombstones", "team_bundle")) {
            m.put(t, rows(t));
        }
        return m;
    }

    public static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** A well-formed padded age file of {@code bucket} (random bytes; the server never decrypts). */
    public static byte[] blob(int bucket, long seed) {
        Random r = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String header = "age-encryption.org/v1\n-> X25519 " + b64np(r, 32) + "\n" + b64np(r, 32) + "\n--- " + b64np(r, 32) + "\n";
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        byte[] payload = new byte[(int) AgeBlobPolicy.payloadSize(bucket)];
        r.nextBytes(payload);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static String b64np(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }

    public static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    public static byte[] randomId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A team account logged in over HTTP. */
    public String teamLogin(String name) throws Exception {
        TeamAccounts.NewAccount a = server.teamAccounts().add(name);
        byte[] secret = base32(a.totpSecretBase32());
        String code = Totp.code(secret, Totp.step(Clock.systemUTC().instant().getEpochSecond()), 6);
        ObjectNode b = JSON.createObjectNode().put("name", name).put("password", a.password()).put("totp", code);
        HttpResponse<byte[]> r = post(config.teamPath() + "/api/login", JSON.writeValueAsBytes(b));
        if (r.statusCode() != 200) {
            throw new AssertionError(new String(r.body(), StandardCharsets.UTF_8));
        }
        return json(r).get("token").asText();
    }

    /** An outbox file with the given payload JSON, signed by {@code signer}. */
    public static byte[] outboxFile(Ed25519PrivateKey signer, byte[] payload) throws IOException {
        ObjectNode file = JSON.createObjectNode();
        file.put("payload", b64(payload));
        file.put("signature", b64(signer.sign(SignatureContext.OUTBOX, DEPLOYMENT, payload)));
        file.put("signingKey", signer.publicKey().hex());
        return JSON.writeValueAsBytes(file);
    }

    public static ObjectNode outboxPayload(List<byte[][]> replies, List<byte[]> purge) {
        ObjectNode p = JSON.createObjectNode();
        p.put("format", "klachtenbalie-outbox/v1");
        p.put("deployment", DEPLOYMENT);
        ArrayNode rs = p.putArray("replies");
        for (byte[][] r : replies) {
            rs.addObject().put("mailbox", HEX.formatHex(r[0])).put("eventId", HEX.formatHex(r[1])).put("blob", b64(r[2]));
        }
        p.putArray("internal");
        ArrayNode ps = p.putArray("purge");
        purge.forEach(m -> ps.add(HEX.formatHex(m)));
        return p;
    }

    static byte[] base32(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A reporter's browser against any server on {@code port}: a mailbox id, a signing key, signed POSTs. */
    public static class Client {
        public final HttpClient http;
        public final int port;
        public final byte[] mailbox;
        public final Ed25519PrivateKey key;

        public Client(HttpClient http, int port) {
            this.http = http;
            this.port = port;
            this.mailbox = randomId();
            this.key = Ed25519PrivateKey.generate(RANDOM);
        }

        /** The same mailbox and key as {@code original}, talking to {@code port} (a restarted server). */
        public Client(HttpClient http, int port, Client original) {
            this.http = http;
            this.port = port;
            this.mailbox = original.mailbox;
            this.key = original.key;
        }

        public Client(Live s) {
            this(s.http, s.port());
        }

        public String challenge() throws Exception {
            HttpResponse<byte[]> r = Live.send(http, port, "POST", "/api/v1/challenge", new byte[0]);
            if (r.statusCode() != 200) {
                throw new IOException("challenge answered " + r.statusCode());
            }
            return json(r).get("nonce").asText();
        }

        public ObjectNode createBody(String nonce, byte[] clientEventId, byte[] report, List<byte[]> attachments) {
            ObjectNode b = JSON.createObjectNode();
            b.put("mailbox", HEX.formatHex(mailbox));
            b.put("publicKey", key.publicKey().hex());
            b.put("nonce", nonce);
            b.put("pow", HEX.formatHex(ProofOfWork.solve(Base64.getUrlDecoder().decode(nonce), 8)));
            b.put("clientEventId", HEX.formatHex(clientEventId));
            b.put("report", b64(report));
            ArrayNode a = b.putArray("attachments");
            attachments.forEach(x -> a.add(b64(x)));
            return b;
        }

        public HttpResponse<byte[]> create(byte[] clientEventId, byte[] report, List<byte[]> attachments) throws Exception {
            String nonce = challenge();
            return send("/api/v1/mailbox/create", nonce, createBody(nonce, clientEventId, report, attachments));
        }

        public ObjectNode appendBody(String nonce, byte[] clientEventId, byte[] message) {
            return base(nonce).put("clientEventId", HEX.formatHex(clientEventId)).put("message", b64(message));
        }

        public HttpResponse<byte[]> append(byte[] clientEventId, byte[] message) throws Exception {
            String nonce = challenge();
            return send("/api/v1/mailbox/append", nonce, appendBody(nonce, clientEventId, message));
        }

        public HttpResponse<byte[]> events(long after) throws Exception {
            String nonce = challenge();
            return send("/api/v1/mailbox/events", nonce, base(nonce).put("after", after));
        }

        public HttpResponse<byte[]> delete() throws Exception {
            String nonce = challenge();
            return send("/api/v1/mailbox/delete", nonce, base(nonce));
        }

        public ObjectNode base(String nonce) {
            ObjectNode b = JSON.createObjectNode();
            b.put("mailbox", HEX.formatHex(mailbox));
            b.put("nonce", nonce);
            return b;
        }

        public HttpResponse<byte[]> send(String path, String nonce, ObjectNode body) throws Exception {
            return sendRaw(path, nonce, JSON.writeValueAsBytes(body));
        }

        public HttpResponse<byte[]> sendRaw(String path, String nonce, byte[] bytes, String... extra) throws Exception {
            String[] headers = new String[extra.length + 2];
            System.arraycopy(extra, 0, headers, 0, extra.length);
            headers[extra.length] = "Authorization";
            headers[extra.length + 1] = "KB-Ed25519 " + sign(path, nonce, bytes);
            return Live.send(http, port, "POST", path, bytes, headers);
        }

        public String sign(String path, String nonce, byte[] body) throws Exception {
            byte[] sig = key.sign(SignatureContext.REQUEST, DEPLOYMENT, "POST".getBytes(StandardCharsets.US_ASCII),
                    path.getBytes(StandardCharsets.US_ASCII), mailbox, Base64.getUrlDecoder().decode(nonce),
                    MessageDigest.getInstance("SHA-256").digest(body));
            return Base64.getEncoder().encodeToString(sig);
        }
    }
}
