package nl.klachtenbalie.crypto.age;

import static nl.klachtenbalie.crypto.age.TestFiles.CHUNK;
import static nl.klachtenbalie.crypto.age.TestFiles.RANDOM;
import static nl.klachtenbalie.crypto.age.TestFiles.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Interoperability with the reference implementation, both directions, fresh random keys. */
class AgeInteropTest {

    private static final int[] SIZES = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 10 * 1024 * 1024};

    private static AgeBinary age;

    @TempDir
    Path dir;

    @BeforeAll
    static void locate() {
        age = AgeBinary.locate();
    }

    private static List<X25519Identity> threeIdentities() {
        return List.of(X25519Identity.generate(RANDOM), X25519Identity.generate(RANDOM), X25519Identity.generate(RANDOM));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void filesFromAgeDecryptHere(boolean armored) throws Exception {
        List<X25519Identity> ids = threeIdentities();
        for (int size : SIZES) {
            byte[] plaintext = randomBytes(size);
            List<String> args = new ArrayList<>();
            if (armored) {
                args.add("-a");
            }
            for (X25519Identity id : ids) {
                args.add("-r");
                args.add(id.recipient().toString());
            }
            byte[] file = age.age(dir, plaintext, args.toArray(String[]::new)).requireSuccess("age -e").stdout();
            for (X25519Identity id : ids) {
                assertArrayEquals(plaintext, TestFiles.decrypt(file, armored, List.of(id), 8192), "size " + size);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void filesFromHereDecryptWithAge(boolean armored) throws Exception {
        List<X25519Identity> ids = threeIdentities();
        List<X25519Recipient> recipients = ids.stream().map(X25519Identity::recipient).toList();
        AgeEncrypter encrypter = new AgeEncrypter(RANDOM);
        for (int size : SIZES) {
            byte[] plaintext = randomBytes(size);
            byte[] file = armored ? encrypter.encryptArmored(plaintext, recipients) : encrypter.encrypt(plaintext, recipients);
            for (X25519Identity id : ids) {
                Path identityFile = dir.resolve("key.txt");
                Files.writeString(identityFile, "# test key\n" + id.toSecretString() + "\n");
                byte[] out = age.age(dir, file, "-d", "-i", identityFile.toString()).requireSuccess("age -d").stdout();
                assertArrayEquals(plaintext, out, "size " + size);
            }
        }
    }

    @Test
    void keysFromAgeKeygenParseToTheSameRecipient() throws Exception {
        for (int i = 0; i < 5; i++) {
            Path keyFile = dir.resolve("key" + i + ".txt");
            age.keygen(dir, "-o", keyFile.toString()).requireSuccess("age-keygen");
            String secret = Files.readAllLines(keyFile).stream().filter(l -> l.startsWith("AGE-SECRET-KEY-1"))
                    .findFirst().orElseThrow();
            String recipient = new String(age.keygen(dir, "-y", keyFile.toString()).requireSuccess("age-keygen -y")
                    .stdout(), StandardCharsets.US_ASCII).strip();
            X25519Identity id = X25519Identity.parse(secret);
            assertEquals(recipient, id.recipient().toString());
            assertEquals(secret, id.toSecretString());
        }
    }

    @Test
    void passphraseFileFromHereDecryptsWithAge() throws Exception {
        byte[] plaintext = randomBytes(CHUNK + 1);
        byte[] file = new AgeEncrypter(RANDOM).encrypt(plaintext, List.of(new ScryptRecipient("pässwörd".toCharArray(), 14)));
        Path in = dir.resolve("in.age");
        Path out = dir.resolve("out");
        Files.write(in, file);
        age.ageOnTerminal(dir, "pässwörd\n", "-d", "-o", out.toString(), in.toString()).requireSuccess("age -d (passphrase)");
        assertArrayEquals(plaintext, Files.readAllBytes(out));
    }

    @Test
    void passphraseFileFromAgeDecryptsHere() throws Exception {
        byte[] plaintext = randomBytes(CHUNK + 1);
        Path in = dir.resolve("plain");
        Path out = dir.resolve("out.age");
        Files.write(in, plaintext);
        // age asks twice: passphrase and confirmation. It uses its default work factor, 2^18.
        age.ageOnTerminal(dir, "pässwörd\npässwörd\n", "-p", "-a", "-o", out.toString(), in.toString())
                .requireSuccess("age -p");
        assertArrayEquals(plaintext,
                TestFiles.decrypt(Files.readAllBytes(out), true, List.of(new ScryptIdentity("pässwörd".toCharArray())), 8192));
        assertNotEquals(null, TestFiles.attempt(Files.readAllBytes(out), true,
                List.of(new ScryptIdentity("password".toCharArray()))).failure());
    }

    @Test
    void passphraseProtectedIdentityFileFromHereWorksWithAge() throws Exception {
        // What the desk keeps: an identity file encrypted to a passphrase, armored like age -p -a.
        X25519Identity id = X25519Identity.generate(RANDOM);
        String identityText = "# created: 2026-01-01\n# public key: " + id.recipient() + "\n" + id.toSecretString() + "\n";
        Path identityFile = dir.resolve("key.age");
        Files.write(identityFile, new AgeEncrypter(RANDOM).encryptArmored(identityText.getBytes(StandardCharsets.US_ASCII),
                List.of(new ScryptRecipient("desk passphrase".toCharArray(), 14))));
        byte[] plaintext = randomBytes(1000);
        Path in = dir.resolve("report.age");
        Files.write(in, new AgeEncrypter(RANDOM).encrypt(plaintext, List.of(id.recipient())));
        Path out = dir.resolve("report");
        age.ageOnTerminal(dir, "desk passphrase\n", "-d", "-i", identityFile.toString(), "-o", out.toString(), in.toString())
                .requireSuccess("age -d -i encrypted identity");
        assertArrayEquals(plaintext, Files.readAllBytes(out));
    }

    @Test
    void ageRejectsATamperedFileFromHereToo() throws Exception {
        X25519Identity id = X25519Identity.generate(RANDOM);
        byte[] file = new AgeEncrypter(RANDOM).encrypt(randomBytes(100), List.of(id.recipient()));
        file[file.length - 1] ^= 1;
        Path identityFile = dir.resolve("key.txt");
        Files.writeString(identityFile, id.toSecretString() + "\n");
        assertNotEquals(0, age.age(dir, file, "-d", "-i", identityFile.toString()).exitCode());
    }
}
