package nl.klachtenbalie.keys.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
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
        assertEquals(dir.current().payload().members().get(0).recipient(), me.identity().recipient().toString());
        assertEquals(dir.teamRecipients().get(0), me.identity().recipient());
        assertEquals("error.member.passphrase",
                assertThrows(DeskException.class, () -> dir.unlock("desk", "wrong".toCharArray())).key());
        assertEquals("error.member.unknown",
                assertThrows(DeskException.class, () -> dir.unlock("nobody", "demo".toCharArray())).key());
    }
}
