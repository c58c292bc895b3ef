package nl.klachtenbalie.keys.desk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.klachtenbalie.crypto.age.AgeDecrypter;
import nl.klachtenbalie.crypto.age.AgeEncrypter;
import nl.klachtenbalie.crypto.age.HybridIdentity;
import nl.klachtenbalie.crypto.age.HybridRecipient;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.crypto.age.X25519Identity;
import nl.klachtenbalie.keys.cli.CliEnvironment;
import nl.klachtenbalie.keys.cli.KeysCommand;
import nl.klachtenbalie.keys.desk.team.TeamDirectory;
import nl.klachtenbalie.keys.desk.team.UnlockedMember;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desk opens a team directory made by the real key ceremony ({@code keys team create --demo}). */
class CeremonyInteropTest {

    @TempDir
    Path tmp;

    @Test
    void theDeskUnlocksAMemberCreatedByTheCeremony() throws Exception {
        Path team = tmp.resolve("team");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment env = new CliEnvironment(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), null, false, Clock.systemUTC(), new SecureRandom());
        assertEquals(0, KeysCommand.run(env, "team", "create", "--dir", team.toString(), "--deployment", "demo-desk",
                "--demo", "--member", "desk"), err.toString(StandardCharsets.UTF_8));
        CliEnvironment demo = new CliEnvironment(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("KB_ROOT_PASSPHRASE", "demo"), null, false,
                Clock.systemUTC(), new SecureRandom());
        assertEquals(0, KeysCommand.run(demo, "team", "sign-bundle", "--dir", team.toString()), err.toString(StandardCharsets.UTF_8));

        TeamDirectory dir = TeamDirectory.open(team, LocalDate.now(Clock.systemUTC()));
        assertEquals("demo-desk", dir.deploymentId());
        UnlockedMember me = dir.unlock("desk", "demo".toCharArray());
        X25519Identity identity = (X25519Identity) me.identity();
        assertEquals(dir.current().payload().members().get(0).recipient(), identity.recipient().toString());
        assertEquals(dir.teamRecipients().get(0), identity.recipient());
        assertEquals(1, me.identities().size());
        assertEquals("error.member.passphrase",
                assertThrows(DeskException.class, () -> dir.unlock("desk", "wrong".toCharArray())).key());
        assertEquals("error.member.unknown",
                assertThrows(DeskException.class, () -> dir.unlock("nobody", "demo".toCharArray())).key());
    }

    /** After the flag day the desk decrypts with both identities and encrypts to the hybrid bundle. */
    @Test
    void afterTheFlagDayTheDeskKeepsTheClassicIdentityForDecryptionOnly() throws Exception {
        Path team = tmp.resolve("team");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment env = new CliEnvironment(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("KB_ROOT_PASSPHRASE", "demo", "KB_MEMBER_PASSPHRASE", "demo"), null, false, Clock.systemUTC(),
                new SecureRandom());
        assertEquals(0, KeysCommand.run(env, "team", "create", "--dir", team.toString(), "--deployment", "demo-desk",
                "--demo", "--member", "desk"), err.toString(StandardCharsets.UTF_8));
        assertEquals(0, KeysCommand.run(env, "team", "sign-bundle", "--dir", team.toString()), err.toString(StandardCharsets.UTF_8));
        TeamDirectory classicDir = TeamDirectory.open(team, LocalDate.now(Clock.systemUTC()));
        List<Recipient> classicTeam = classicDir.teamRecipients();
        byte[] old = new AgeEncrypter(new SecureRandom()).encrypt(new byte[] {1, 2, 3}, classicTeam);

        assertEquals(0, KeysCommand.run(env, "team", "sign-bundle", "--switch-to-hybrid", "--dir", team.toString()),
                err.toString(StandardCharsets.UTF_8));
        TeamDirectory dir = TeamDirectory.open(team, LocalDate.now(Clock.systemUTC()));
        assertTrue(dir.current().payload().hybrid());
        UnlockedMember me = dir.unlock("desk", "demo".toCharArray());
        assertEquals(2, me.identities().size());
        HybridIdentity current = assertInstanceOf(HybridIdentity.class, me.identity());
        assertEquals(dir.current().payload().members().get(0).recipient(), current.recipient().toString());
        assertInstanceOf(X25519Identity.class, me.identities().get(1));
        assertTrue(dir.teamRecipients().stream().allMatch(r -> r instanceof HybridRecipient));
        // Old reports still open; new files are hybrid-only.
        assertArrayEquals(new byte[] {1, 2, 3}, new AgeDecrypter().decrypt(old, me.identities()));
        byte[] now = new AgeEncrypter(new SecureRandom()).encrypt(new byte[] {4}, dir.teamRecipients());
        assertArrayEquals(new byte[] {4}, new AgeDecrypter().decrypt(now, me.identities()));
        // Replies to a reporter still pinned to a classic recipient go to the team's classic keys.
        String classicReporter = X25519Identity.generate(new SecureRandom()).recipient().toString();
        assertEquals(classicTeam, dir.replyTeamRecipients(classicReporter));
        String hybridReporter = HybridIdentity.generate(new SecureRandom()).recipient().toString();
        assertEquals(dir.teamRecipients(), dir.replyTeamRecipients(hybridReporter));
    }
}
