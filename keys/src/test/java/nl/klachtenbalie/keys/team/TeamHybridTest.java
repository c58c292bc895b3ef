package nl.klachtenbalie.keys.team;

import static nl.klachtenbalie.keys.team.TeamCeremonyTest.assertError;
import static nl.klachtenbalie.keys.team.TeamCeremonyTest.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import nl.klachtenbalie.crypto.age.AgeDecrypter;
import nl.klachtenbalie.crypto.age.AgeEncrypter;
import nl.klachtenbalie.crypto.age.HybridIdentity;
import nl.klachtenbalie.crypto.age.HybridRecipient;
import nl.klachtenbalie.crypto.age.X25519Identity;
import nl.klachtenbalie.crypto.bundle.Member;
import nl.klachtenbalie.crypto.bundle.MemberStatus;
import nl.klachtenbalie.crypto.bundle.TeamBundle;
import nl.klachtenbalie.crypto.bundle.TeamBundleVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The post-quantum flag day at the ceremony (protocol §8, §9.2): hybrid teams and the switch. */
class TeamHybridTest {

    @TempDir
    Path tmp;

    private static TeamCli cli() {
        return new TeamCli().passphrases(TeamCeremonyTest.ROOT, TeamCeremonyTest.MEMBER);
    }

    private static TeamBundle bundle(Path team, long version) throws Exception {
        TeamState s = TeamDirectory.open(team).readState();
        return new TeamBundleVerifier(s.pins(), LocalDate.of(2026, 3, 20), 0)
                .verify(Files.readAllBytes(team.resolve("bundles/team-bundle-v" + version + ".json")));
    }

    static HybridIdentity hybridIdentity(Path file, String passphrase) throws Exception {
        byte[] text = SealedKeys.open("identity", Files.readAllBytes(file), passphrase.toCharArray());
        return HybridIdentity.parse(SealedKeys.keyLine("identity", text, "AGE-SECRET-KEY-PQ-1"));
    }

    @Test
    void aHybridTeamFromTheStart() throws Exception {
        Path team = tmp.resolve("pq");
        ok(cli().run("team", "create", "--hybrid", "--dir", team.toString(), "--deployment", "d-1", "--member", "anna"));
        ok(cli().run("team", "add-member", "--dir", team.toString(), "bo"));
        ok(cli().run("team", "sign-bundle", "--dir", team.toString()));
        TeamState state = TeamDirectory.open(team).readState();
        assertTrue(state.hybrid());
        assertTrue(new String(Files.readAllBytes(team.resolve("team.json")), StandardCharsets.UTF_8)
                .contains("\"recipientKind\": \"mlkem768x25519\""));
        TeamBundle b = bundle(team, 1);
        assertTrue(b.payload().hybrid());
        assertEquals(2, b.recipients().size());
        for (String id : List.of("anna", "bo")) {
            HybridIdentity identity = hybridIdentity(team.resolve("members/" + id + ".identity.age"),
                    TeamCeremonyTest.MEMBER);
            assertEquals(state.member(id).orElseThrow().recipient(), identity.recipient().toString());
            assertFalse(Files.exists(team.resolve("members/" + id + ".identity-pq.age")));
        }
        // The switch on a team that is already hybrid changes nothing but signs the next bundle.
        TeamCli.Result again = ok(cli().run("team", "sign-bundle", "--switch-to-hybrid", "--dir", team.toString()));
        assertTrue(again.stdout().contains("already hybrid"), again.stdout());
        assertEquals(b.recipients(), bundle(team, 2).recipients());
    }

    @Test
    void theFlagDayGivesActiveMembersNewHybridIdentitiesAndKeepsTheClassicOnes() throws Exception {
        Path team = tmp.resolve("t");
        ok(cli().run("team", "create", "--dir", team.toString(), "--deployment", "d-1", "--member", "anna"));
        ok(cli().run("team", "add-member", "--dir", team.toString(), "bo"));
        ok(cli().run("team", "add-member", "--dir", team.toString(), "chris"));
        ok(cli().run("team", "revoke-member", "--dir", team.toString(), "chris"));
        ok(cli().run("team", "sign-bundle", "--dir", team.toString()));
        TeamState before = TeamDirectory.open(team).readState();
        assertFalse(before.hybrid());
        assertTrue(new String(Files.readAllBytes(team.resolve("team.json")), StandardCharsets.UTF_8)
                .contains("\"recipientKind\": \"x25519\""));
        assertFalse(bundle(team, 1).payload().hybrid());
        byte[] annaClassicFile = Files.readAllBytes(team.resolve("members/anna.identity.age"));
        // Something a reporter encrypted before the switch:
        byte[] old = new AgeEncrypter(new SecureRandom()).encrypt("before".getBytes(StandardCharsets.UTF_8),
                List.of(nl.klachtenbalie.crypto.age.X25519Recipient.parse(before.member("anna").orElseThrow().recipient())));

        // A wrong member passphrase changes nothing.
        assertError(new TeamCli().passphrases(TeamCeremonyTest.ROOT, "wrong").run("team", "sign-bundle",
                "--switch-to-hybrid", "--dir", team.toString()), "wrong passphrase");
        assertEquals(before, TeamDirectory.open(team).readState());
        assertFalse(Files.exists(team.resolve("members/anna.identity-pq.age")));

        TeamCli.Result switched = ok(cli().run("team", "sign-bundle", "--switch-to-hybrid", "--dir", team.toString()));
        assertTrue(switched.stdout().contains("members/anna.identity-pq.age"), switched.stdout());
        TeamState after = TeamDirectory.open(team).readState();
        assertTrue(after.hybrid());
        TeamBundle b = bundle(team, 2);
        assertTrue(b.payload().hybrid());
        assertEquals(Set.of(after.member("anna").orElseThrow().recipient(), after.member("bo").orElseThrow().recipient()),
                Set.copyOf(b.recipients()));
        // The retired member keeps the classic recipient and gets no new identity.
        Member chris = after.member("chris").orElseThrow();
        assertEquals(MemberStatus.RETIRED, chris.status());
        assertEquals(before.member("chris").orElseThrow().recipient(), chris.recipient());
        assertFalse(Files.exists(team.resolve("members/chris.identity-pq.age")));

        // Classic identities are kept, byte for byte, and still open what was sent before.
        assertArrayEquals(annaClassicFile, Files.readAllBytes(team.resolve("members/anna.identity.age")));
        X25519Identity annaClassic = TeamCeremonyTest.identity(team, "anna", TeamCeremonyTest.MEMBER);
        assertEquals("before", new String(new AgeDecrypter().decrypt(old, List.of(annaClassic)), StandardCharsets.UTF_8));
        // The new hybrid identity matches the bundle and opens what is sent now.
        Path pqFile = team.resolve("members/anna.identity-pq.age");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pqFile)));
        HybridIdentity annaPq = hybridIdentity(pqFile, TeamCeremonyTest.MEMBER);
        assertEquals(after.member("anna").orElseThrow().recipient(), annaPq.recipient().toString());
        byte[] now = new AgeEncrypter(new SecureRandom()).encrypt("after".getBytes(StandardCharsets.UTF_8),
                b.recipients().stream().map(HybridRecipient::parse).toList());
        assertEquals("after", new String(new AgeDecrypter().decrypt(now, List.of(annaClassic, annaPq)),
                StandardCharsets.UTF_8));

        // A member added after the flag day is hybrid; later bundles stay all-hybrid.
        ok(cli().run("team", "add-member", "--dir", team.toString(), "dee"));
        hybridIdentity(team.resolve("members/dee.identity.age"), TeamCeremonyTest.MEMBER);
        ok(cli().run("team", "sign-bundle", "--dir", team.toString()));
        assertEquals(3, bundle(team, 3).recipients().size());
        assertTrue(bundle(team, 3).payload().hybrid());
    }

    @Test
    void aTeamJsonWithoutRecipientKindIsClassic() throws Exception {
        Path team = tmp.resolve("old");
        ok(cli().run("team", "create", "--dir", team.toString(), "--deployment", "d-1", "--member", "anna"));
        Path json = team.resolve("team.json");
        String s = Files.readString(json).replace("  \"recipientKind\": \"x25519\",\n", "");
        assertFalse(s.contains("recipientKind"));
        TeamState parsed = TeamState.fromJson(s.getBytes(StandardCharsets.UTF_8));
        assertFalse(parsed.hybrid());
        assertEquals(TeamDirectory.open(team).readState(), parsed);
    }
}
