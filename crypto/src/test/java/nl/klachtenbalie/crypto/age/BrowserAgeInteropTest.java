package nl.klachtenbalie.crypto.age;

import static nl.klachtenbalie.crypto.age.TestFiles.RANDOM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hybrid post-quantum files between this library and the browser's age package
 * ({@code age-encryption}, the version client-web ships, pinned in crypto/testkit), both ways,
 * through {@code crypto/testkit/age-interop.mjs} run with {@code node}. The build installs the
 * testkit before the tests run; node is required by the build anyway.
 */
class BrowserAgeInteropTest {

    private static final int[] SIZES = {0, 1, 64 * 1024 + 1};
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    @Test
    void javaEncryptsAndTheBrowserPackageDecrypts() throws Exception {
        HybridIdentity id = HybridIdentity.generate(RANDOM);
        Path identity = write("java-identity", id.toSecretString() + "\n");
        // The package derives the same recipient from our identity string.
        Path recipient = dir.resolve("derived-recipient");
        node("recipient", identity, recipient);
        assertEquals(id.recipient().toString(), Files.readString(recipient).trim());

        AgeEncrypter encrypter = new AgeEncrypter(RANDOM);
        for (int size : SIZES) {
            byte[] plaintext = TestFiles.randomBytes(size);
            Path file = dir.resolve("java-" + size + ".age");
            Files.write(file, encrypter.encrypt(plaintext, List.of(id.recipient())));
            Path out = dir.resolve("java-" + size + ".out");
            node("decrypt", identity, file, out);
            assertArrayEquals(plaintext, Files.readAllBytes(out), "size " + size);
        }
    }

    @Test
    void theBrowserPackageEncryptsAndJavaDecrypts() throws Exception {
        Path identity = dir.resolve("node-identity");
        Path recipient = dir.resolve("node-recipient");
        node("keygen", identity, recipient);
        HybridIdentity id = HybridIdentity.parse(Files.readString(identity).trim());
        assertEquals(id.recipient(), HybridRecipient.parse(Files.readString(recipient).trim()));

        for (int size : SIZES) {
            byte[] plaintext = TestFiles.randomBytes(size);
            Path in = dir.resolve("node-" + size + ".txt");
            Files.write(in, plaintext);
            Path file = dir.resolve("node-" + size + ".age");
            node("encrypt", recipient, in, file);
            byte[] age = Files.readAllBytes(file);
            assertTrue(new String(age, 0, 80, StandardCharsets.US_ASCII).contains("\n-> mlkem768x25519 "));
            assertArrayEquals(plaintext, new AgeDecrypter().decrypt(age, List.of(id)), "size " + size);
        }
    }

    @Test
    void aTeamFileFromTheBrowserOpensForEveryJavaMember() throws Exception {
        List<HybridIdentity> team = List.of(HybridIdentity.generate(RANDOM), HybridIdentity.generate(RANDOM),
                HybridIdentity.generate(RANDOM));
        StringBuilder recipients = new StringBuilder();
        for (HybridIdentity member : team) {
            recipients.append(member.recipient()).append('\n');
        }
        Path recipientFile = write("team-recipients", recipients.toString());
        byte[] plaintext = TestFiles.randomBytes(5000);
        Path in = dir.resolve("team.txt");
        Files.write(in, plaintext);
        Path file = dir.resolve("team.age");
        node("encrypt", recipientFile, in, file);
        byte[] age = Files.readAllBytes(file);
        for (HybridIdentity member : team) {
            assertArrayEquals(plaintext, new AgeDecrypter().decrypt(age, List.of(member)));
        }
    }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.US_ASCII);
        return p;
    }

    private void node(String command, Path... files) throws IOException, InterruptedException {
        Path testkit = Path.of(System.getProperty("basedir", "."), "testkit").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("node.executable", "node"),
                testkit.resolve("age-interop.mjs").toString(), command));
        for (Path f : files) {
            cmd.add(f.toString());
        }
        Path log = Files.createTempFile(dir, "node-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(testkit.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("node " + command + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("node " + command + " failed (exit " + p.exitValue() + "): "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }
}
