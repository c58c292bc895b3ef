package nl.klachtenbalie.keys.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import nl.klachtenbalie.crypto.age.AgeEncrypter;
import nl.klachtenbalie.crypto.age.ScryptRecipient;
import nl.klachtenbalie.crypto.age.X25519Identity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgeCommandTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private X25519Identity alice;
    private Path aliceKey;
    private byte[] plaintext;

    @BeforeEach
    void keys() throws Exception {
        alice = X25519Identity.generate(RANDOM);
        aliceKey = dir.resolve("alice.txt");
        Files.writeString(aliceKey, "# alice\n\n" + alice.toSecretString() + "\n");
        plaintext = new byte[200_000];
        RANDOM.nextBytes(plaintext);
    }

    private static void assertOneLineError(Cli.Result r, String expected) {
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().startsWith("keys: error: "), r.stderr());
        assertTrue(r.stderr().contains(expected), r.stderr());
        assertFalse(r.stderr().contains("\tat "), "no stack traces: " + r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
    }

    @Test
    void encryptsFromStdinAndDecryptsToStdout() {
        Cli.Result enc = new Cli().run(plaintext, "age", "-r", alice.recipient().toString());
        assertEquals(0, enc.exitCode(), enc.stderr());
        assertTrue(new String(enc.stdout(), 0, 21, StandardCharsets.US_ASCII).equals("age-encryption.org/v1"));
        Cli.Result dec = new Cli().run(enc.stdout(), "age", "-d", "-i", aliceKey.toString());
        assertEquals(0, dec.exitCode(), dec.stderr());
        assertArrayEquals(plaintext, dec.stdout());
    }

    @Test
    void armoredFilesAndRecipientFilesWorkAndArmorIsDetected() throws Exception {
        X25519Identity bob = X25519Identity.generate(RANDOM);
        Path recipients = dir.resolve("team.txt");
        Files.writeString(recipients, "# the team\n\n" + alice.recipient() + "\n  \n# bob\n" + bob.recipient() + "\r\n");
        Path in = dir.resolve("report.txt");
        Files.write(in, plaintext);
        Path out = dir.resolve("report.age");
        Cli.Result enc = new Cli().run("age", "-e", "-a", "-R", recipients.toString(), "-o", out.toString(), in.toString());
        assertEquals(0, enc.exitCode(), enc.stderr());
        assertTrue(Files.readString(out).startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n"));
        Path bobKey = dir.resolve("bob.txt");
        Files.writeString(bobKey, bob.toSecretString() + "\n");
        for (Path key : List.of(aliceKey, bobKey)) {
            Cli.Result dec = new Cli().run("age", "--decrypt", "--identity", key.toString(), out.toString());
            assertEquals(0, dec.exitCode(), dec.stderr());
            assertArrayEquals(plaintext, dec.stdout());
        }
    }

    @Test
    void passphraseFilesFromTheEnvironment() {
        Cli cli = new Cli().env("KB_PASSPHRASE", "zeven woorden");
        Cli.Result enc = cli.run(plaintext, "age", "-p", "-a");
        assertEquals(0, enc.exitCode(), enc.stderr());
        Cli.Result dec = new Cli().env("KB_PASSPHRASE", "zeven woorden").run(enc.stdout(), "age", "-d");
        assertEquals(0, dec.exitCode(), dec.stderr());
        assertArrayEquals(plaintext, dec.stdout());
        assertOneLineError(new Cli().env("KB_PASSPHRASE", "acht").run(enc.stdout(), "age", "-d"), "incorrect passphrase");
        assertOneLineError(new Cli().run(enc.stdout(), "age", "-d"), "no terminal");
    }

    @Test
    void passphraseFromTheTerminalIsConfirmed() {
        Cli cli = new Cli().terminal("geheim", "geheim");
        Cli.Result enc = cli.run(new byte[] {1, 2, 3}, "age", "-p");
        assertEquals(0, enc.exitCode(), enc.stderr());
        assertEquals(List.of("Enter passphrase: ", "Confirm passphrase: "), cli.prompts);
        Cli.Result dec = new Cli().terminal("geheim").run(enc.stdout(), "age", "-d");
        assertArrayEquals(new byte[] {1, 2, 3}, dec.stdout());
        assertOneLineError(new Cli().terminal("geheim", "gehiem").run(new byte[1], "age", "-p"), "didn't match");
    }

    @Test
    void passphraseProtectedIdentityFile() throws Exception {
        String identityText = "# created: 2026-03-04\n" + alice.toSecretString() + "\n";
        Path encryptedKey = dir.resolve("alice.age");
        Files.write(encryptedKey, new AgeEncrypter(RANDOM).encryptArmored(identityText.getBytes(StandardCharsets.US_ASCII),
                List.of(new ScryptRecipient("desk".toCharArray(), 12))));
        byte[] file = new AgeEncrypter(RANDOM).encrypt(plaintext, List.of(alice.recipient()));
        Cli cli = new Cli().terminal("desk");
        Cli.Result dec = cli.run(file, "age", "-d", "-i", encryptedKey.toString());
        assertEquals(0, dec.exitCode(), dec.stderr());
        assertArrayEquals(plaintext, dec.stdout());
        assertEquals(List.of("Enter passphrase for identity file \"" + encryptedKey + "\": "), cli.prompts);
        assertOneLineError(new Cli().env("KB_PASSPHRASE", "wrong").run(file, "age", "-d", "-i", encryptedKey.toString()),
                "incorrect passphrase for identity file");
    }

    @Test
    void failedDecryptionLeavesNoOutputFile() throws Exception {
        byte[] file = new AgeEncrypter(RANDOM).encrypt(plaintext, List.of(alice.recipient()));
        file[file.length - 100] ^= 1;
        Path in = dir.resolve("damaged.age");
        Files.write(in, file);
        Path out = dir.resolve("plain.txt");
        Cli.Result r = new Cli().run("age", "-d", "-i", aliceKey.toString(), "-o", out.toString(), in.toString());
        assertOneLineError(r, "invalid payload");
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("alice.txt", "damaged.age"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void decryptedFilesAreOwnerOnlyAndReplaceAtomically() throws Exception {
        byte[] file = new AgeEncrypter(RANDOM).encrypt(plaintext, List.of(alice.recipient()));
        Path out = dir.resolve("plain.txt");
        Files.writeString(out, "old");
        Cli.Result r = new Cli().run(file, "age", "-d", "-i", aliceKey.toString(), "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertArrayEquals(plaintext, Files.readAllBytes(out));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    }

    @Test
    void wrongKeyAndBadInputAreOneLineErrors() throws Exception {
        byte[] file = new AgeEncrypter(RANDOM).encrypt(plaintext, List.of(X25519Identity.generate(RANDOM).recipient()));
        assertOneLineError(new Cli().run(file, "age", "-d", "-i", aliceKey.toString()), "no identity matched");
        assertOneLineError(new Cli().run("hello".getBytes(StandardCharsets.US_ASCII), "age", "-d", "-i", aliceKey.toString()),
                "invalid header");
        assertOneLineError(new Cli().run(file, "age", "-d", "-i", dir.resolve("missing.txt").toString()), "no such file");
        assertOneLineError(new Cli().run(file, "age", "-d"), "not passphrase-encrypted");
    }

    @Test
    void flagMisuseIsRejected() {
        String r = alice.recipient().toString();
        assertOneLineError(new Cli().run("age", "-e", "-d"), "can't be used with");
        assertOneLineError(new Cli().run("age", "-d", "-a", "-i", aliceKey.toString()), "detected automatically");
        assertOneLineError(new Cli().run("age", "-d", "-r", r), "can't be used with -d");
        assertOneLineError(new Cli().run(new byte[1], "age"), "missing recipients");
        assertOneLineError(new Cli().env("KB_PASSPHRASE", "x").run(new byte[1], "age", "-p", "-r", r), "can't be combined");
        assertOneLineError(new Cli().run("age", "-r", "age1notakey"), "invalid recipient");
        assertOneLineError(new Cli().stdoutIsTerminal().run(new byte[1], "age", "-r", r), "refusing to output binary");
        assertEquals(0, new Cli().stdoutIsTerminal().run(new byte[1], "age", "-a", "-r", r).exitCode());
        assertOneLineError(new Cli().run("age", "--no-such-flag"), "Unknown option");
        assertOneLineError(new Cli().run("frobnicate"), "Unmatched argument");
    }

    @Test
    void malformedIdentityLinesAreNotEchoed() throws Exception {
        String secret = alice.toSecretString();
        String broken = secret.substring(0, 40) + (secret.charAt(40) == 'Q' ? 'P' : 'Q') + secret.substring(41);
        Path key = dir.resolve("broken.txt");
        Files.writeString(key, "# comment\n" + broken + "\n");
        Cli.Result r = new Cli().run(new byte[1], "age", "-d", "-i", key.toString());
        assertOneLineError(r, "line 2");
        assertFalse(r.stderr().contains(broken.substring(15, 40)), r.stderr());
        Files.writeString(key, "AGE-SECRET-KEY-PQ-1QQQQ\n");
        assertOneLineError(new Cli().run(new byte[1], "age", "-d", "-i", key.toString()), "not supported yet");
    }

    @Test
    void encryptingToAnIdentityFileUsesItsRecipient() {
        Cli.Result enc = new Cli().run(plaintext, "age", "-e", "-i", aliceKey.toString());
        assertEquals(0, enc.exitCode(), enc.stderr());
        assertArrayEquals(plaintext, new Cli().run(enc.stdout(), "age", "-d", "-i", aliceKey.toString()).stdout());
    }

    @Test
    void bareKeysCommandShowsUsage() {
        Cli.Result r = new Cli().run();
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("keygen"), r.stderr());
        assertEquals(0, new Cli().run("age", "--help").exitCode());
    }
}
