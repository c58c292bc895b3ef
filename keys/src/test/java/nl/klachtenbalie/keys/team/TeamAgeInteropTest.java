package nl.klachtenbalie.keys.team;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import nl.klachtenbalie.crypto.age.AgeBinary;
import nl.klachtenbalie.crypto.age.AgeEncrypter;
import nl.klachtenbalie.crypto.age.X25519Recipient;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team can always recover its keys with the stock age tool: {@code age -d} opens the sealed
 * key files with the passphrase (typed on a terminal, which age insists on), and the decrypted
 * identity file works as {@code age -d -i}.
 */
class TeamAgeInteropTest {

    private static AgeBinary age;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locate() {
        age = AgeBinary.locate();
    }

    @Test
    void stockAgeOpensTheRootKeyAndTheMemberFiles() throws Exception {
        Path team = tmp.resolve("team");
        TeamCeremonyTest.ok(new TeamCli().passphrases("root words here", "member words here").run("team", "create",
                "--dir", team.toString(), "--deployment", "d-1", "--member", "anna"));
        TeamState state = TeamDirectory.open(team).readState();

        Path rootOut = tmp.resolve("root.txt");
        age.ageOnTerminal(tmp, "root words here\n", "-d", "-o", rootOut.toString(), team.resolve("root.key.age").toString())
                .requireSuccess("age -d root.key.age");
        String rootText = Files.readString(rootOut, StandardCharsets.US_ASCII);
        assertTrue(rootText.contains("\nKB-ROOT-SIGNING-KEY-1"), "root key line");
        Ed25519PrivateKey root = SealedKeys.parseSeedFile("root", rootText.getBytes(StandardCharsets.US_ASCII),
                SealedKeys.ROOT_HRP);
        assertEquals(state.rootKey(), root.publicKey());

        Path signingOut = tmp.resolve("signing.txt");
        age.ageOnTerminal(tmp, "member words here\n", "-d", "-o", signingOut.toString(),
                team.resolve("members/anna.signing.age").toString()).requireSuccess("age -d signing");
        assertEquals(state.member("anna").orElseThrow().signingKey(), SealedKeys.parseSeedFile("signing",
                Files.readAllBytes(signingOut), SealedKeys.SIGNING_HRP).publicKey());

        Path identityOut = tmp.resolve("anna.identity.txt");
        age.ageOnTerminal(tmp, "member words here\n", "-d", "-o", identityOut.toString(),
                team.resolve("members/anna.identity.age").toString()).requireSuccess("age -d identity");
        // The decrypted identity file is an ordinary age identity file: age-keygen -y and age -d -i take it.
        String recipient = new String(age.keygen(tmp, "-y", identityOut.toString()).requireSuccess("age-keygen -y")
                .stdout(), StandardCharsets.US_ASCII).strip();
        assertEquals(state.member("anna").orElseThrow().recipient(), recipient);
        byte[] report = "een melding".getBytes(StandardCharsets.UTF_8);
        byte[] file = new AgeEncrypter(new SecureRandom()).encrypt(report, List.of(X25519Recipient.parse(recipient)));
        assertArrayEquals(report, age.age(tmp, file, "-d", "-i", identityOut.toString()).requireSuccess("age -d -i").stdout());
        // And age reads the encrypted identity file directly, asking for its passphrase.
        Path enc = tmp.resolve("report.age");
        Files.write(enc, file);
        Path plain = tmp.resolve("report.txt");
        age.ageOnTerminal(tmp, "member words here\n", "-d", "-i", team.resolve("members/anna.identity.age").toString(),
                "-o", plain.toString(), enc.toString()).requireSuccess("age -d -i encrypted identity");
        assertArrayEquals(report, Files.readAllBytes(plain));
    }
}
