package nl.klachtenbalie.keys.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.klachtenbalie.crypto.age.X25519Identity;
import nl.klachtenbalie.crypto.age.X25519Recipient;
import nl.klachtenbalie.crypto.bundle.BundleException;
import nl.klachtenbalie.crypto.bundle.Member;
import nl.klachtenbalie.crypto.bundle.MemberStatus;
import nl.klachtenbalie.crypto.bundle.TeamBundle;
import nl.klachtenbalie.crypto.bundle.TeamBundleVerifier;
import nl.klachtenbalie.crypto.bundle.TeamFingerprint;
import nl.klachtenbalie.crypto.event.EventOpener;
import nl.klachtenbalie.crypto.event.EventSealer;
import nl.klachtenbalie.crypto.event.EventVerifier;
import nl.klachtenbalie.crypto.event.MailboxPin;
import nl.klachtenbalie.crypto.event.Reply;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ceremony end to end through the command line: create → add → revoke → sign, and what the
 * browser's verifier then sees.
 */
class TeamCeremonyTest {

    static final String ROOT = "root passphrase for tests";
    static final String MEMBER = "member passphrase for tests";
    static final String SHA = "sha256-" + "A".repeat(43) + "=";

    @TempDir
    Path tmp;

    static TeamCli.Result ok(TeamCli.Result r) {
        assertEquals(0, r.exitCode(), r.stderr());
        return r;
    }

    static void assertError(TeamCli.Result r, String fragment) {
        assertEquals(1, r.exitCode(), r.stdout());
        assertTrue(r.stderr().startsWith("keys: error: ") && r.stderr().strip().lines().count() == 1, r.stderr());
        assertTrue(r.stderr().contains(fragment), r.stderr());
        assertFalse(r.stderr().contains("\tat "), "no stack trace");
    }

    private static TeamCli cli() {
        return new TeamCli().passphrases(ROOT, MEMBER);
    }

    private static TeamBundle verify(Path team, long highestSeen, LocalDate today, long version) throws Exception {
        TeamState s = TeamDirectory.open(team).readState();
        return new TeamBundleVerifier(s.pins(), today, highestSeen)
                .verify(Files.readAllBytes(team.resolve("bundles/team-bundle-v" + version + ".json")));
    }

    @Test
    void createAddRevokeSignAndVerify() throws Exception {
        Path team = tmp.resolve("team");
        TeamCli.Result created = ok(cli().run("team", "create", "--dir", team.toString(), "--deployment",
                "amsterdam-1", "--member", "anna"));
        assertTrue(created.stdout().contains("Team fingerprint: "), created.stdout());
        assertFalse(created.stdout().contains(ROOT) || created.stdout().contains(MEMBER));
        ok(cli().run("team", "add-member", "--dir", team.toString(), "bo"));
        ok(cli().run("team", "add-member", "--dir", team.toString(), "chris"));
        ok(cli().run("team", "add-member", "--dir", team.toString(), "dee"));
        TeamCli.Result revoked = ok(cli().daysLater(1).run("team", "revoke-member", "--dir", team.toString(), "chris"));
        assertTrue(revoked.stdout().contains("protects only future reports"), revoked.stdout());
        ok(cli().daysLater(1).run("team", "revoke-member", "--dir", team.toString(), "dee", "--compromised"));

        Path manifest = tmp.resolve("asset-manifest.json");
        Files.writeString(manifest, "{\n \"index.html\": \"" + SHA + "\",\n \"report.js\": \"" + SHA + "\"\n}\n");
        TeamCli.Result signed = ok(cli().daysLater(2).run("team", "sign-bundle", "--dir", team.toString(),
                "--assets", manifest.toString()));
        assertTrue(signed.stdout().contains("version 1"), signed.stdout());

        LocalDate day2 = LocalDate.of(2026, 3, 6);
        TeamBundle b = verify(team, 0, day2, 1);
        TeamState state = TeamDirectory.open(team).readState();
        Set<String> active = Set.of(state.member("anna").orElseThrow().recipient(),
                state.member("bo").orElseThrow().recipient());
        assertEquals(active, Set.copyOf(b.recipients()));
        Map<String, MemberStatus> statuses = b.payload().members().stream()
                .collect(Collectors.toMap(Member::id, Member::status));
        assertEquals(Map.of("anna", MemberStatus.ACTIVE, "bo", MemberStatus.ACTIVE, "chris", MemberStatus.RETIRED,
                "dee", MemberStatus.COMPROMISED), statuses);
        assertEquals(LocalDate.of(2026, 3, 5), state.member("dee").orElseThrow().since());
        assertEquals(day2.plusDays(75), b.payload().expires());
        assertEquals(Set.of("index.html", "report.js"), b.payload().assets().keySet());
        assertEquals(1, state.lastBundleVersion());

        // Permissions: secrets owner-only, directories owner-only, public files readable.
        for (String f : List.of("root.key.age", "members/anna.identity.age", "members/anna.signing.age",
                "members/bo.identity.age")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(team.resolve(f))), f);
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(team)));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                team.resolve("bundles/team-bundle-v1.json"))));

        // The second bundle supersedes the first; the browser then refuses the first.
        ok(cli().daysLater(40).run("team", "sign-bundle", "--dir", team.toString(), "--valid-days", "60",
                "--assets", manifest.toString()));
        assertEquals(2, verify(team, 1, day2.plusDays(38), 2).version());
        BundleException down = assertThrows(BundleException.class, () -> verify(team, 2, day2, 1));
        assertEquals(BundleException.Kind.DOWNGRADE, down.kind());

        TeamCli.Result show = ok(cli().daysLater(40).run("team", "show", "--dir", team.toString()));
        assertTrue(show.stdout().contains("version 2, expires 2026-06-12 (60 days left)"), show.stdout());
        assertTrue(show.stdout().contains("dee") && show.stdout().contains("compromised"), show.stdout());
        TeamCli.Result late = ok(cli().daysLater(102).run("team", "show", "--dir", team.toString()));
        assertTrue(late.stdout().contains("NOT VALID (EXPIRED)"), late.stdout());
    }

    @Test
    void aDowngradeCannotBeSigned() throws Exception {
        Path team = tmp.resolve("t");
        ok(cli().run("team", "create", "--dir", team.toString(), "--deployment", "d-1"));
        ok(cli().run("team", "sign-bundle", "--dir", team.toString()));
        ok(cli().run("team", "sign-bundle", "--dir", team.toString()));
        // Roll team.json back to before the second bundle (a restored backup): the ceremony must not
        // sign version 2 again, nor anything lower than what was published.
        TeamDirectory dir = TeamDirectory.open(team);
        dir.writeState(dir.readState().withLastBundleVersion(1));
        assertError(cli().run("team", "sign-bundle", "--dir", team.toString()), "already holds version 2");
        byte[] v2 = Files.readAllBytes(team.resolve("bundles/team-bundle-v2.json"));
        dir.writeState(dir.readState().withLastBundleVersion(2));
        ok(cli().run("team", "sign-bundle", "--dir", team.toString()));
        assertEquals(3, TeamDirectory.open(team).readState().lastBundleVersion());
        assertTrue(java.util.Arrays.equals(v2, Files.readAllBytes(team.resolve("bundles/team-bundle-v2.json"))));
    }

    @Test
    void refusalsAreClearOneLineErrors() throws Exception {
        Path team = tmp.resolve("t");
        ok(cli().run("team", "create", "--dir", team.toString(), "--deployment", "d-1", "--member", "anna"));
        byte[] teamJson = Files.readAllBytes(team.resolve("team.json"));
        byte[] rootKey = Files.readAllBytes(team.resolve("root.key.age"));
        assertError(cli().run("team", "create", "--dir", team.toString(), "--deployment", "d-2"), "not empty");
        assertTrue(java.util.Arrays.equals(teamJson, Files.readAllBytes(team.resolve("team.json"))));
        assertTrue(java.util.Arrays.equals(rootKey, Files.readAllBytes(team.resolve("root.key.age"))));

        assertError(new TeamCli().passphrases("wrong", MEMBER).run("team", "sign-bundle", "--dir", team.toString()),
                "wrong passphrase for root.key.age");
        assertError(cli().run("team", "sign-bundle", "--dir", team.toString(), "--valid-days", "91"), "60..90");
        assertError(cli().run("team", "add-member", "--dir", team.toString(), "anna"), "already exists");
        assertError(cli().run("team", "add-member", "--dir", team.toString(), "../x"), "member id");
        assertError(cli().run("team", "revoke-member", "--dir", team.toString(), "nobody"), "no member nobody");
        assertError(cli().run("team", "show", "--dir", tmp.resolve("nothing").toString()), "team.json is missing");
        Path badManifest = tmp.resolve("m.json");
        Files.writeString(badManifest, "{\"../etc/passwd\": \"" + SHA + "\"}");
        assertError(cli().run("team", "sign-bundle", "--dir", team.toString(), "--assets", badManifest.toString()),
                "bad asset path");
        ok(cli().run("team", "revoke-member", "--dir", team.toString(), "anna"));
        assertError(cli().run("team", "sign-bundle", "--dir", team.toString()), "no active members");
        assertError(cli().run("team", "revoke-member", "--dir", team.toString(), "anna"), "already retired");
        assertError(cli().run("team", "create", "--dir", tmp.resolve("u").toString(), "--deployment", "has space"),
                "deployment id");
        assertError(cli().run("team", "create", "--dir", tmp.resolve("u").toString(), "--deployment", "demo-x"),
                "reserved for --demo");
        assertFalse(Files.exists(tmp.resolve("u")));
        // Without a terminal and without the variables, no passphrase can be shown or read.
        assertError(new TeamCli().run("team", "create", "--dir", tmp.resolve("v").toString(), "--deployment", "d"),
                "only on a terminal");
        assertError(new TeamCli().run("team", "sign-bundle", "--dir", team.toString()), "no terminal");
        try (var entries = Files.list(tmp)) {
            assertEquals(Set.of("t", "m.json"), entries.map(p -> p.getFileName().toString()).collect(Collectors.toSet()),
                    "a failed create leaves nothing behind");
        }
    }

    @Test
    void generatedPassphrasesAreShownOnceOnATerminalAndWork() throws Exception {
        Path team = tmp.resolve("t");
        TeamCli.Result r = ok(new TeamCli().onTerminal().run("team", "create", "--dir", team.toString(),
                "--deployment", "d-1", "--member", "anna"));
        assertTrue(r.stdout().contains("WRITE THESE PASSPHRASES DOWN NOW"), r.stdout());
        List<String> phrases = r.stdout().lines().map(String::strip)
                .filter(l -> l.matches("[a-z-]+( [a-z-]+){5}")).toList();
        assertEquals(2, phrases.size(), r.stdout());
        assertTrue(Diceware.words().containsAll(List.of(phrases.get(0).split(" "))));
        assertFalse(Files.readString(team.resolve("team.json")).contains(phrases.get(0).split(" ")[0] + " "));
        // The root passphrase as typed on the terminal signs a bundle.
        ok(new TeamCli().onTerminal(phrases.get(0)).run("team", "sign-bundle", "--dir", team.toString()));
        // The member passphrase opens the member's keys.
        X25519Identity id = identity(team, "anna", phrases.get(1));
        assertEquals(TeamDirectory.open(team).readState().member("anna").orElseThrow().recipient(),
                id.recipient().toString());
    }

    static X25519Identity identity(Path team, String member, String passphrase) throws Exception {
        byte[] text = SealedKeys.open("identity", Files.readAllBytes(team.resolve("members/" + member + ".identity.age")),
                passphrase.toCharArray());
        return X25519Identity.parse(SealedKeys.keyLine("identity", text, "AGE-SECRET-KEY-1"));
    }

    static Ed25519PrivateKey signingKey(Path team, String member, String passphrase) throws Exception {
        byte[] text = SealedKeys.open("signing", Files.readAllBytes(team.resolve("members/" + member + ".signing.age")),
                passphrase.toCharArray());
        return SealedKeys.parseSeedFile("signing", text, SealedKeys.SIGNING_HRP);
    }

    @Test
    void membersKeysFitTheBundleAndTheEventFormat() throws Exception {
        Path team = tmp.resolve("t");
        ok(cli().run("team", "create", "--dir", team.toString(), "--deployment", "d-1", "--member", "anna"));
        ok(cli().run("team", "sign-bundle", "--dir", team.toString()));
        TeamBundle b = verify(team, 0, LocalDate.of(2026, 3, 4), 1);
        Ed25519PrivateKey anna = signingKey(team, "anna", MEMBER);
        assertEquals(b.payload().members().get(0).signingKey(), anna.publicKey());
        // A reply signed with the member's key, encrypted to a reporter and the team, verifies.
        X25519Identity reporter = X25519Identity.generate(new SecureRandom());
        String mailbox = "00112233445566778899aabbccddeeff";
        MailboxPin pin = new MailboxPin(mailbox, Ed25519PrivateKey.generate(new SecureRandom()).publicKey(),
                reporter.recipient().toString());
        Reply reply = new Reply(mailbox, 1, "ab".repeat(32), 1, "anna", LocalDate.of(2026, 3, 4), "nl", "Dank je.");
        byte[] file = new EventSealer("d-1", new SecureRandom()).sealReply(reply, anna, pin,
                b.recipients().stream().map(X25519Recipient::parse).toList());
        for (X25519Identity id : List.of(reporter, identity(team, "anna", MEMBER))) {
            var opened = new EventOpener(List.of(id)).open(file);
            assertEquals(reply, EventVerifier.reply(opened.envelope(), "d-1", mailbox, b.payload()));
        }
    }

    @Test
    void demoTeam() throws Exception {
        Path team = tmp.resolve("demo");
        TeamCli.Result r = ok(new TeamCli().run("team", "create", "--demo", "--dir", team.toString(), "--deployment",
                "demo-utrecht"));
        assertTrue(r.stderr().contains("DEMO TEAM"), r.stderr());
        assertTrue(Files.readString(team.resolve("DEMO-WARNING.txt")).contains("NOT FOR REAL REPORTS"));
        assertError(new TeamCli().run("team", "create", "--demo", "--dir", tmp.resolve("x").toString(),
                "--deployment", "utrecht"), "must start with demo-");
        ok(new TeamCli().run("team", "add-member", "--dir", team.toString(), "bo"));
        identity(team, "bo", "demo");
        ok(new TeamCli().env("KB_ROOT_PASSPHRASE", "demo").run("team", "sign-bundle", "--dir", team.toString()));
        assertTrue(ok(new TeamCli().run("team", "show", "--dir", team.toString())).stdout().contains("DEMO TEAM"));
    }

    @Test
    void fingerprintTextAndQrAgree() throws Exception {
        Path team = tmp.resolve("t");
        ok(cli().run("team", "create", "--dir", team.toString(), "--deployment", "d-1"));
        Path extra = tmp.resolve("flyer-qr.png");
        TeamCli.Result r = ok(cli().run("team", "fingerprint", "--dir", team.toString(), "--qr", extra.toString()));
        String expected = TeamFingerprint.of(TeamDirectory.open(team).readState().rootKey());
        assertEquals(expected, r.stdout().strip());
        assertEquals(expected + "\n", Files.readString(team.resolve("fingerprint.txt"), StandardCharsets.US_ASCII));
        // Decoded with ZXing from the PNG files, independently of the writer's own check.
        for (Path png : List.of(team.resolve("fingerprint.png"), extra)) {
            var image = javax.imageio.ImageIO.read(png.toFile());
            var bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                    new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image)));
            assertEquals(expected, new com.google.zxing.MultiFormatReader().decode(bitmap).getText(), png.toString());
        }
    }
}
