package nl.klachtenbalie.keys.flyer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import nl.klachtenbalie.crypto.bundle.TeamFingerprint;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.keys.cli.CliEnvironment;
import nl.klachtenbalie.keys.cli.KeysCommand;

/** The public half of a team folder, and {@code keys flyer} run in-process. */
final class FlyerFixture {

    static final String URL = "https://klachtenbalie.example/";
    static final String ONION = "http://" + "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx" + ".onion/";

    private FlyerFixture() {
    }

    /** Writes team.json and fingerprint.txt as the key ceremony does; returns the fingerprint. */
    static String team(Path dir, String deployment) throws Exception {
        Files.createDirectories(dir);
        Ed25519PrivateKey root = Ed25519PrivateKey.generate(new SecureRandom());
        String fp = TeamFingerprint.of(root.publicKey());
        Files.writeString(dir.resolve("team.json"), "{\"deployment\":\"" + deployment + "\",\"rootKey\":\""
                + root.publicKey().hex() + "\"}");
        Files.writeString(dir.resolve("fingerprint.txt"), fp + "\n");
        return fp;
    }

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment env = new CliEnvironment(new ByteArrayInputStream(new byte[0]), out,
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), null, false, Clock.systemUTC(), new SecureRandom());
        int code = KeysCommand.run(env, args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
