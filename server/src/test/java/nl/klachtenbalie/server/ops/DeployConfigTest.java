package nl.klachtenbalie.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import nl.klachtenbalie.server.TestTeam;
import nl.klachtenbalie.server.config.ConfigLoader;
import nl.klachtenbalie.server.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped deployment files ({@code deploy/}) keep the promise the server makes: no request log
 * and no client address anywhere, also outside Java. Static checks always run; with {@code nginx} on
 * the machine the shipped {@code nginx.conf} is also run for real in front of the real server, and
 * afterwards no nginx log or temp file holds a byte. With {@code systemd-analyze} the units are verified.
 */
class DeployConfigTest {

    @TempDir
    Path tmp;

    static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("deploy/nginx.conf"))) {
            p = p.getParent();
        }
        if (p == null) {
            fail("deploy/nginx.conf not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** The file without comments (nginx, Caddy and torrc all use '#'). */
    static String directives(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int hash = line.indexOf('#');
            sb.append(hash < 0 ? line : line.substring(0, hash)).append('\n');
        }
        return sb.toString();
    }

    /** The server's defaults, as a config with only the required keys gets them. */
    static ServerConfig defaults() throws Exception {
        TestTeam team = TestTeam.generate("deploy.example", new SecureRandom());
        return ConfigLoader.fromMap(Map.of("data.dir", "data", "deployment.id", "deploy.example",
                "deployment.root-key", HexFormat.of().formatHex(team.rootPublicKey()),
                "deployment.argon2-salt", HexFormat.of().formatHex(team.argon2Salt())), Map.of(), Path.of("/tmp"));
    }

    static long bytes(String number, String unit) {
        long n = Long.parseLong(number);
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "", "b" -> n;
            case "k", "kb" -> n * 1024;
            case "m", "mb" -> n * 1024 * 1024;
            case "g", "gb" -> n * 1024 * 1024 * 1024;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    static long largestServerCap() throws Exception {
        ServerConfig d = defaults();
        return Math.max(d.maxRequestBytes(), d.teamUploadMaxBytes());
    }

    @Test
    void nginxKeepsNoLogsAndPassesNoClientAddress() throws Exception {
        String conf = directives(repo().resolve("deploy/nginx.conf"));
        String lower = conf.toLowerCase(Locale.ROOT);
        for (String forbidden : List.of("$remote_addr", "$binary_remote_addr", "$proxy_add_x_forwarded_for",
                "x-forwarded-for", "x-real-ip", "forwarded", "$http_user_agent", "$http_referer", "real_ip_header")) {
            assertFalse(lower.contains(forbidden), "nginx.conf must not mention " + forbidden);
        }
        Matcher access = Pattern.compile("(?m)^\\s*access_log\\s+([^;]*);").matcher(conf);
        int accessLogs = 0;
        while (access.find()) {
            accessLogs++;
            assertEquals("off", access.group(1).trim(), "every access_log is off");
        }
        assertTrue(accessLogs >= 1, "access_log off is stated");
        assertTrue(Pattern.compile("(?s)^.*?\\bhttp\\s*\\{\\s*access_log\\s+off;").matcher(conf).find()
                || Pattern.compile("(?s)http\\s*\\{[^}]*?access_log off;").matcher(conf).find(), "access_log off at http level");
        Matcher errors = Pattern.compile("(?m)^\\s*error_log\\s+([^;]*);").matcher(conf);
        int errorLogs = 0;
        while (errors.find()) {
            errorLogs++;
            String[] parts = errors.group(1).trim().split("\\s+");
            assertEquals("crit", parts[parts.length - 1], "error_log " + errors.group(1) + " must be at crit");
        }
        assertTrue(errorLogs >= 1, "error_log … crit is stated in the main context");
        assertTrue(Pattern.compile("(?m)^error_log\\s+\\S+\\s+crit;").matcher(conf).find(), "main-context error_log at crit");
        assertFalse(Pattern.compile("(?m)^\\s*log_format\\b").matcher(conf).find(), "no log formats");

        Matcher body = Pattern.compile("client_max_body_size\\s+(\\d+)([kKmMgG]?)\\s*;").matcher(conf);
        assertTrue(body.find(), "client_max_body_size is set");
        long cap = bytes(body.group(1), body.group(2));
        assertTrue(cap >= largestServerCap(), "client_max_body_size " + cap + " < the server's cap " + largestServerCap());
        assertFalse(body.find(), "one client_max_body_size only");

        for (String stream : List.of("proxy_request_buffering off;", "proxy_buffering off;", "proxy_max_temp_file_size 0;",
                "server_tokens off;", "log_not_found off;")) {
            assertTrue(conf.contains(stream), "nginx.conf needs " + stream);
        }
        Matcher pass = Pattern.compile("proxy_pass\\s+([^;]+);").matcher(conf);
        int passes = 0;
        while (pass.find()) {
            passes++;
            assertEquals("http://127.0.0.1:" + defaults().port(), pass.group(1).trim(), "proxy to the server on loopback");
        }
        assertTrue(passes >= 1);
        assertTrue(conf.contains("Strict-Transport-Security"), "HSTS on the TLS site");
        assertTrue(Pattern.compile("location = /metrics \\{\\s*return 404;").matcher(conf).find(), "metrics stay private");
    }

    @Test
    void caddyAndTorMatchTheSamePromises() throws Exception {
        String caddy = directives(repo().resolve("deploy/Caddyfile"));
        assertTrue(caddy.contains("output discard"), "Caddy discards the access log");
        for (String h : List.of("X-Forwarded-For", "X-Real-IP", "X-Forwarded-Host", "X-Forwarded-Proto")) {
            assertTrue(caddy.contains("header_up -" + h), "Caddy removes " + h);
        }
        assertFalse(caddy.contains("{remote"), "no client address placeholder");
        Matcher size = Pattern.compile("max_size\\s+(\\d+)([KMG]B)").matcher(caddy);
        assertTrue(size.find());
        assertTrue(bytes(size.group(1), size.group(2)) >= largestServerCap());
        assertTrue(caddy.contains("reverse_proxy 127.0.0.1:" + defaults().port()));

        String tor = directives(repo().resolve("deploy/torrc.example"));
        String nginx = directives(repo().resolve("deploy/nginx.conf"));
        Matcher port = Pattern.compile("HiddenServicePort\\s+80\\s+(127\\.0\\.0\\.1:\\d+)").matcher(tor);
        assertTrue(port.find(), "the onion service points at a loopback port");
        assertTrue(nginx.contains("listen " + port.group(1) + ";"), "nginx listens where Tor sends visitors");
        assertTrue(tor.contains("HiddenServiceVersion 3"));
        assertTrue(tor.contains("SafeLogging 1"));
        assertFalse(Pattern.compile("(?mi)^\\s*Log\\s+(info|debug)").matcher(tor).find(), "Tor logs notices at most");
    }

    @Test
    void systemdUnitIsHardenedAndValid() throws Exception {
        Path unit = repo().resolve("deploy/klachtenbalie.service");
        String u = directives(unit);
        for (String line : List.of("NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes", "ProtectHome=yes",
                "ReadWritePaths=/var/lib/klachtenbalie", "User=klachtenbalie", "CapabilityBoundingSet=", "LimitCORE=0",
                "IPAddressDeny=any", "StandardError=journal")) {
            assertTrue(u.lines().anyMatch(l -> l.trim().equals(line)), "klachtenbalie.service needs " + line);
        }
        assertTrue(Pattern.compile("(?m)^MemoryMax=\\d+[KMG]$").matcher(u).find(), "a MemoryMax");
        assertTrue(u.contains(" run --config /etc/klachtenbalie/server.properties"));
        Optional<Path> analyze = onPath("systemd-analyze");
        assumeTrue(analyze.isPresent() && Files.isExecutable(Path.of("/usr/bin/java")),
                "systemd-analyze (or /usr/bin/java) is not on this machine; the static checks above ran");
        // Copy the units: verify insists that unit files have a unit-type suffix, which they do.
        Path dir = Files.createDirectories(tmp.resolve("units"));
        List<String> cmd = new ArrayList<>(List.of(analyze.get().toString(), "verify"));
        for (String name : List.of("klachtenbalie.service", "klachtenbalie-backup.service", "klachtenbalie-backup.timer")) {
            Files.copy(repo().resolve("deploy").resolve(name), dir.resolve(name));
            cmd.add(dir.resolve(name).toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertFalse(out.toLowerCase(Locale.ROOT).contains("unknown"), out);
    }

    static Optional<Path> onPath(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/sbin");
        dirs.add("/sbin");
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * The shipped nginx.conf, run for real: only machine-specific lines are rewritten (ports, paths,
     * the certificate); every log and buffering directive is the shipped one.
     */
    @Test
    void realNginxWritesNothingToItsLogs() throws Exception {
        Optional<Path> nginx = onPath("nginx");
        Optional<Path> openssl = onPath("openssl");
        assumeTrue(nginx.isPresent(), "nginx is not installed (apt-get install nginx-light); the static checks ran");
        assumeTrue(openssl.isPresent(), "openssl is needed to make a test certificate");
        assumeTrue(Files.isRegularFile(Path.of("/etc/nginx/mime.types")), "the nginx package's mime.types is missing");

        Path prefix = Files.createDirectories(tmp.resolve("nginx"));
        Path logs = Files.createDirectories(prefix.resolve("logs"));
        Path temp = Files.createDirectories(prefix.resolve("temp"));
        Files.createDirectories(prefix.resolve("conf"));
        Files.createDirectories(prefix.resolve("acme"));
        Path cert = prefix.resolve("cert.pem");
        Path key = prefix.resolve("key.pem");
        Process ossl = new ProcessBuilder(openssl.get().toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        assertTrue(ossl.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, ossl.exitValue(), new String(ossl.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

        TestTeam team = TestTeam.generate(OpsServer.DEPLOYMENT, new SecureRandom());
        try (OpsServer server = OpsServer.start(OpsServer.writeConfig(tmp.resolve("srv"), "data", team))) {
            int http = freePort();
            int https = freePort();
            int onion = freePort();
            String conf = Files.readString(repo().resolve("deploy/nginx.conf"), StandardCharsets.UTF_8);
            conf = replace(conf, "user www-data;\n", "");
            conf = replace(conf, "pid /run/nginx.pid;", "pid " + prefix.resolve("nginx.pid") + ";");
            conf = replace(conf, "error_log /var/log/nginx/error.log crit;", "error_log " + logs.resolve("error.log") + " crit;");
            conf = replace(conf, "listen [::]:80 default_server;\n", "");
            conf = replace(conf, "listen [::]:443 ssl default_server;\n", "");
            conf = replace(conf, "listen 80 default_server;", "listen 127.0.0.1:" + http + " default_server;");
            conf = replace(conf, "listen 443 ssl default_server;", "listen 127.0.0.1:" + https + " ssl default_server;");
            conf = replace(conf, "listen 127.0.0.1:8081;", "listen 127.0.0.1:" + onion + ";");
            conf = conf.replace("proxy_pass http://127.0.0.1:8080;", "proxy_pass http://127.0.0.1:" + server.server.port() + ";");
            conf = replace(conf, "/var/www/acme", prefix.resolve("acme").toString());
            conf = conf.replaceAll("ssl_certificate\\s+\\S+;", "ssl_certificate " + cert + ";");
            conf = conf.replaceAll("ssl_certificate_key\\s+\\S+;", "ssl_certificate_key " + key + ";");
            // Debian compiles absolute temp paths into nginx; keep them in the test prefix so we can
            // check that no request body or response was buffered to disk.
            conf = replace(conf, "http {\n", "http {\n    client_body_temp_path " + temp.resolve("body") + ";\n"
                    + "    proxy_temp_path " + temp.resolve("proxy") + ";\n");
            Path confFile = prefix.resolve("conf/nginx.conf");
            Files.writeString(confFile, conf, StandardCharsets.UTF_8);

            Process p = new ProcessBuilder(nginx.get().toString(), "-p", prefix.toString(), "-e", logs.resolve("startup.log").toString(),
                    "-c", confFile.toString(), "-g", "daemon off;").redirectErrorStream(true)
                    .redirectOutput(logs.resolve("stdout.log").toFile()).start();
            try {
                HttpClient client = insecureClient();
                waitForPort(https, p, logs);
                String base = "https://127.0.0.1:" + https;

                assertEquals(200, get(client, base + "/health").statusCode());
                HttpResponse<String> challenge = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/challenge"))
                        .header("X-Forwarded-For", "203.0.113.7").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, challenge.statusCode(), challenge.body());
                HttpResponse<String> hsts = get(client, base + "/health");
                assertEquals(List.of("max-age=63072000"), hsts.headers().allValues("strict-transport-security"),
                        "HSTS once, from nginx");
                assertTrue(hsts.headers().firstValue("server").isEmpty() || !hsts.headers().firstValue("server").get().contains("/"),
                        "no nginx version");
                assertEquals(404, get(client, base + "/metrics").statusCode(), "metrics hidden from the public");
                assertEquals(404, get(client, base + "/no/such/file.png").statusCode());
                // A 3 MiB body (refused by the server as malformed) goes through without touching disk.
                byte[] big = new byte[3 * 1024 * 1024];
                new SecureRandom().nextBytes(big);
                HttpResponse<String> bigAnswer = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/mailbox/create"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(400, bigAnswer.statusCode(), bigAnswer.body());
                // Over the cap: nginx answers 413 from the Content-Length alone (and would log it at "error"
                // level — filtered by crit).
                assertTrue(rawGarbage(onion, "POST /transfer/api/outbox HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + (largestServerCap() + 8 * 1024 * 1024) + "\r\n\r\n").startsWith("HTTP/1.1 413"));

                HttpResponse<String> plain = get(client, "http://127.0.0.1:" + http + "/health");
                assertEquals(301, plain.statusCode());
                assertEquals(200, get(client, "http://127.0.0.1:" + onion + "/health").statusCode(), "the onion listener");
                assertEquals(404, get(client, "http://127.0.0.1:" + onion + "/metrics").statusCode());
                // Garbage and plain HTTP on the TLS port: nginx notes these at "info" level only.
                rawGarbage(http, "NONSENSE\r\n\r\n");
                rawGarbage(https, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            } finally {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        try (Stream<Path> files = Files.walk(prefix)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (f.startsWith(logs) || f.startsWith(temp) || name.endsWith(".log")) {
                    assertEquals(0, Files.size(f), f + " must stay empty:\n" + Files.readString(f, StandardCharsets.ISO_8859_1));
                }
            }
        }
        try (Stream<Path> t = Files.walk(temp)) {
            assertEquals(List.of(), t.filter(Files::isRegularFile).toList(), "no body buffered to disk");
        }
    }

    private static String replace(String text, String what, String with) {
        assertTrue(text.contains(what), "deploy/nginx.conf changed: the test expects '" + what.strip() + "'");
        return text.replace(what, with);
    }

    private static HttpResponse<String> get(HttpClient c, String url) throws Exception {
        return c.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String rawGarbage(int port, String text) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = s.getInputStream().read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException stillOpen) {
                // nginx may keep the connection open (or reset it); what it answered is enough
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static void waitForPort(int port, Process p, Path logs) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("nginx stopped: " + Files.readString(logs.resolve("stdout.log")) + readIfExists(logs.resolve("startup.log")));
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("nginx did not start listening");
    }

    private static String readIfExists(Path f) throws IOException {
        return Files.exists(f) ? Files.readString(f) : "";
    }

    private static HttpClient insecureClient() throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {trustAll}, new SecureRandom());
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }
}
