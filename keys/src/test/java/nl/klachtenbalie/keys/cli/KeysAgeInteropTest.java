package nl.klachtenbalie.keys.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import nl.klachtenbalie.crypto.age.AgeBinary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CLI against the real age tool: files and keys made by one are read by the other. */
class KeysAgeInteropTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static AgeBinary age;

    @TempDir
    Path dir;

    @BeforeAll
    static void locate() {
        age = AgeBinary.locate();
    }

    private byte[] randomFile(int size) {
        byte[] b = new byte[size];
        RANDOM.nextBytes(b);
        return b;
    }

    private Path keysKeygen(String name) {
        Path key = dir.resolve(name);
        Cli.Result r = new Cli().run("keygen", "-o", key.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        return key;
    }

    private static String publicKeyOf(Cli.Result keygenResult) {
        return keygenResult.stderr().strip().substring("Public key: ".length());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void ageEncryptsKeysDecrypts(boolean armored) throws Exception {
        Path key = dir.resolve("key.txt");
        String recipient = publicKeyOf(new Cli().run("keygen", "-o", key.toString()));
        byte[] plaintext = randomFile(300_001);
        byte[] file = armored
                ? age.age(dir, plaintext, "-a", "-r", recipient).requireSuccess("age -e -a").stdout()
                : age.age(dir, plaintext, "-r", recipient).requireSuccess("age -e").stdout();
        Path in = dir.resolve("in.age");
        Files.write(in, file);
        Path out = dir.resolve("out");
        Cli.Result r = new Cli().run("age", "-d", "-i", key.toString(), "-o", out.toString(), in.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertArrayEquals(plaintext, Files.readAllBytes(out));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void keysEncryptsAgeDecrypts(boolean armored) throws Exception {
        Path ageKey = dir.resolve("age-key.txt");
        age.keygen(dir, "-o", ageKey.toString()).requireSuccess("age-keygen");
        Path keysKey = keysKeygen("keys-key.txt");
        Path recipients = dir.resolve("recipients.txt");
        Files.writeString(recipients, "# one made by age-keygen\n"
                + new String(age.keygen(dir, "-y", ageKey.toString()).requireSuccess("age-keygen -y").stdout()).strip() + "\n");
        byte[] plaintext = randomFile(200_000);
        Cli.Result enc = armored
                ? new Cli().run(plaintext, "age", "-a", "-R", recipients.toString(), "-i", keysKey.toString())
                : new Cli().run(plaintext, "age", "-R", recipients.toString(), "-i", keysKey.toString());
        assertEquals(0, enc.exitCode(), enc.stderr());
        for (Path key : new Path[] {ageKey, keysKey}) {
            byte[] out = age.age(dir, enc.stdout(), "-d", "-i", key.toString()).requireSuccess("age -d").stdout();
            assertArrayEquals(plaintext, out);
        }
    }

    @Test
    void passphraseProtectedIdentityFromAgeWorksHere() throws Exception {
        Path key = dir.resolve("key.txt");
        age.keygen(dir, "-o", key.toString()).requireSuccess("age-keygen");
        Path protectedKey = dir.resolve("key.age");
        age.ageOnTerminal(dir, "bureau sleutel\nbureau sleutel\n", "-p", "-a", "-o", protectedKey.toString(), key.toString())
                .requireSuccess("age -p");
        String recipient = new String(age.keygen(dir, "-y", key.toString()).requireSuccess("age-keygen -y").stdout()).strip();
        byte[] plaintext = randomFile(1000);
        byte[] file = age.age(dir, plaintext, "-r", recipient).requireSuccess("age -e").stdout();
        Cli.Result r = new Cli().env("KB_PASSPHRASE", "bureau sleutel").run(file, "age", "-d", "-i", protectedKey.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertArrayEquals(plaintext, r.stdout());
    }

    @Test
    void passphraseFilesBothWays() throws Exception {
        byte[] plaintext = randomFile(70_000);
        Cli.Result enc = new Cli().env("KB_PASSPHRASE", "wachtwoord").run(plaintext, "age", "-p");
        assertEquals(0, enc.exitCode(), enc.stderr());
        Path in = dir.resolve("p.age");
        Files.write(in, enc.stdout());
        Path out = dir.resolve("p.out");
        age.ageOnTerminal(dir, "wachtwoord\n", "-d", "-o", out.toString(), in.toString()).requireSuccess("age -d");
        assertArrayEquals(plaintext, Files.readAllBytes(out));

        Path plain = dir.resolve("plain");
        Files.write(plain, plaintext);
        Path fromAge = dir.resolve("from-age.age");
        age.ageOnTerminal(dir, "wachtwoord\nwachtwoord\n", "-p", "-o", fromAge.toString(), plain.toString())
                .requireSuccess("age -p");
        Cli.Result dec = new Cli().env("KB_PASSPHRASE", "wachtwoord").run("age", "-d", fromAge.toString());
        assertEquals(0, dec.exitCode(), dec.stderr());
        assertArrayEquals(plaintext, dec.stdout());
    }
}
