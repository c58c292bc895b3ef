package nl.klachtenbalie.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import nl.klachtenbalie.server.config.ConfigException;
import nl.klachtenbalie.server.config.ConfigLoader;
import nl.klachtenbalie.server.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigAndStartupTest {

    @TempDir
    Path dir;

    private static Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put("data.dir", "data");
        m.put("deployment.id", "x.example");
        m.put("deployment.root-key", java.util.HexFormat.of().formatHex(
                TestTeam.generate("x.example", new java.security.SecureRandom()).rootPublicKey()));
        m.put("deployment.argon2-salt", "22".repeat(16));
        return m;
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        Map<String, String> m = minimal();
        m.remove("deployment.id");
        m.put("server.port", "eighty");
        m.put("deployment.root-key", "ABCD");
        m.put("pow.difficlty", "3");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.fromMap(m, Map.of(), dir));
        String msg = e.getMessage();
        assertTrue(msg.contains("deployment.id is required"), msg);
        assertTrue(msg.contains("KLACHTENBALIE_DEPLOYMENT_ID"), msg);
        assertTrue(msg.contains("server.port must be a whole number"), msg);
        assertTrue(msg.contains("deployment.root-key must be 64 lower-case hex"), msg);
        assertTrue(msg.contains("unknown key 'pow.difficlty'"), msg);
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        Path file = dir.resolve("server.properties");
        StringBuilder sb = new StringBuilder();
        minimal().forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        sb.append("pow.difficulty=18\n");
        Files.writeString(file, sb.toString());
        ServerConfig c = ConfigLoader.load(file, Map.of("KLACHTENBALIE_POW_DIFFICULTY", "21", "PATH", "/bin"));
        assertEquals(21, c.powDifficulty());
        assertEquals(dir.resolve("data"), c.dataDir());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(file, Map.of("KLACHTENBALIE_POW_DIFICULTY", "21")));
        assertTrue(e.getMessage().contains("unknown environment variable KLACHTENBALIE_POW_DIFICULTY"));
        ConfigException reduced = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(file, Map.of("KLACHTENBALIE_POW_REDUCED_DIFFICULTY", "30")));
        assertTrue(reduced.getMessage().contains("must not exceed pow.difficulty"));
    }

    @Test
    void refusesToStartWithSecretKeyMaterial() throws Exception {
        try (TestServer s = TestServer.start(dir.resolve("ok"))) {
            assertEquals(200, s.get("/health").statusCode());
        }
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("team-bundle.json"),
                "{\"payload\":\"\",\"signature\":\"\"}\n# AGE-SECRET-KEY-1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQS\n",
                StandardCharsets.US_ASCII);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> startWithExistingBundle(bad));
        assertTrue(e.getMessage().contains("secret key material"), e.getMessage());
    }

    private void startWithExistingBundle(Path d) throws Exception {
        Map<String, String> m = minimal();
        m.put("server.port", "0");
        m.put("team.bundle-file", "team-bundle.json");
        ServerConfig c = ConfigLoader.fromMap(m, Map.of(), d);
        Files.createDirectories(c.dataDir());
        new KlachtenbalieServer(c, nl.klachtenbalie.server.db.Database.open(c.databaseFile()), java.time.Clock.systemUTC(),
                new java.security.SecureRandom()).start().stop();
    }
}
