package nl.klachtenbalie.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.klachtenbalie.server.KlachtenbalieServer;
import nl.klachtenbalie.server.config.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/server demo}: a complete local installation in one command. The DEMO team comes from
 * the key ceremony ({@code bin/keys team create --demo}, which {@code bin/server demo} runs first):
 * this command reads only the team's <em>public</em> files — {@code team.json} and the newest signed
 * bundle — so even the demo server never holds a private key. It pins the demo team into the
 * client by writing a {@code deployment.js} that the server serves instead of the built-in one.
 */
@Command(name = "demo", description = "Start a local demo on 127.0.0.1 with the DEMO team made by 'bin/keys team create --demo'.")
final class DemoCommand implements Callable<Integer> {

    private static final Pattern BUNDLE = Pattern.compile("team-bundle-v(\\d{1,15})\\.json");

    @Option(names = "--dir", defaultValue = "demo-data", description = "demo folder (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--team", description = "the DEMO team folder (default: <dir>/team)")
    Path team;

    @Option(names = "--port", defaultValue = "8080", description = "port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int port;

    @Override
    public Integer call() throws Exception {
        Path teamDir = team != null ? team : dir.resolve("team");
        DemoTeamFiles files;
        try {
            files = DemoTeamFiles.read(teamDir);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("server: error: " + e.getMessage());
            System.err.println("server: create the demo team first: bin/keys team create --demo --dir " + teamDir
                    + " --deployment demo-local  (bin/server demo does this for you)");
            return 2;
        }
        Path config = dir.resolve("demo.properties");
        boolean fresh = !Files.exists(config);
        writeConfig(config, files);
        writeClientPins(dir.resolve("web"), files);
        ServerConfig cfg;
        try {
            cfg = Setup.config(config);
        } catch (Exception e) {
            System.err.println(e.getMessage());
            return 2;
        }
        KlachtenbalieServer server = RunCommand.start(cfg);
        if (server == null) {
            return 1;
        }
        if (fresh) {
            TeamAccountCommand.print(server.teamAccounts().add("demo"));
        }
        String base = "http://127.0.0.1:" + server.port();
        System.out.println();
        System.out.println("=== DEMO MODE: a DEMO team whose passphrase is 'demo'. Never use this for real reports. ===");
        System.out.println("Reporter page:  " + base + "/");
        System.out.println("Transfer page:  " + base + cfg.teamPath() + (fresh ? "   (account 'demo', password and TOTP above)"
                : "   (account 'demo' as printed on the first start)"));
        System.out.println("Team bundle:    " + base + "/team-bundle.json");
        System.out.println("Desk (another terminal):  KB_PASSPHRASE=demo bin/keys desk --team " + teamDir
                + " --member " + files.firstMember() + " --store " + dir.resolve("desk"));
        System.out.println("Stop with Ctrl-C. Start afresh by deleting " + dir + ".");
        Thread.currentThread().join();
        return 0;
    }

    private void writeConfig(Path config, DemoTeamFiles files) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("server.host", "127.0.0.1");
        p.setProperty("server.port", Integer.toString(port));
        p.setProperty("data.dir", "data");
        p.setProperty("deployment.id", files.deploymentId());
        p.setProperty("deployment.root-key", files.rootKeyHex());
        p.setProperty("deployment.argon2-salt", files.saltHex());
        p.setProperty("team.bundle-file", dir.toAbsolutePath().relativize(files.bundle().toAbsolutePath()).toString());
        p.setProperty("web.override-dir", "web");
        p.setProperty("pow.difficulty", "16");
        p.setProperty("pow.reduced-difficulty", "10");
        try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(w, "DEMO configuration written by bin/server demo - not for real reports");
        }
    }

    /** The client's pinned values for the demo team; {@code test: true} shows the page's test banner. */
    private static void writeClientPins(Path web, DemoTeamFiles files) throws IOException {
        Files.createDirectories(web);
        String js = "// DEMO pins written by bin/server demo for the DEMO team in " + files.deploymentId() + ".\n"
                + "export const DEPLOYMENT = Object.freeze({\n"
                + "  test: true,\n"
                + "  id: \"" + files.deploymentId() + "\",\n"
                + "  rootKey: \"" + files.rootKeyHex() + "\",\n"
                + "  argon2: Object.freeze({ salt: \"" + files.saltHex() + "\", m: 19456, t: 2, p: 1 }),\n"
                + "});\n"
                + "export const EXIT_URL = \"https://www.buienradar.nl/\";\n"
                + "export const ACK_DAYS = 7;\n"
                + "export const FEEDBACK_MONTHS = 3;\n";
        Files.writeString(web.resolve("deployment.js"), js, StandardCharsets.UTF_8);
    }

    /** The public half of a key-ceremony team folder. */
    record DemoTeamFiles(String deploymentId, String rootKeyHex, String saltHex, String firstMember, Path bundle) {

        static DemoTeamFiles read(Path teamDir) throws IOException {
            Path json = teamDir.resolve("team.json");
            if (!Files.isRegularFile(json)) {
                throw new IOException("no team.json in " + teamDir);
            }
            JsonNode t = new ObjectMapper().readTree(Files.readAllBytes(json));
            String deployment = t.path("deployment").asText("");
            if (!deployment.startsWith("demo-")) {
                throw new IllegalArgumentException("bin/server demo only runs DEMO teams (deployment id 'demo-…'), not " + deployment);
            }
            String root = t.path("rootKey").asText("");
            String salt = t.path("argon2").path("salt").asText("");
            String member = t.path("members").path(0).path("id").asText("");
            if (!root.matches("[0-9a-f]{64}") || !salt.matches("[0-9a-f]{32}") || member.isEmpty()) {
                throw new IllegalArgumentException(json + " is not a team file written by bin/keys team");
            }
            return new DemoTeamFiles(deployment, root, salt, member, newestBundle(teamDir.resolve("bundles"))
                    .orElseThrow(() -> new IOException("no signed bundle in " + teamDir.resolve("bundles")
                            + " (bin/keys team sign-bundle --dir " + teamDir + ")")));
        }

        private static Optional<Path> newestBundle(Path bundles) throws IOException {
            if (!Files.isDirectory(bundles)) {
                return Optional.empty();
            }
            try (Stream<Path> s = Files.list(bundles)) {
                return s.filter(p -> BUNDLE.matcher(p.getFileName().toString()).matches())
                        .max(Comparator.comparingLong(DemoTeamFiles::version));
            }
        }

        private static long version(Path p) {
            Matcher m = BUNDLE.matcher(p.getFileName().toString());
            return m.matches() ? Long.parseLong(m.group(1)) : -1;
        }
    }
}
