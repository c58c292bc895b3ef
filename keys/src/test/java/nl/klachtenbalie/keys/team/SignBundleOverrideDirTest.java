package nl.klachtenbalie.keys.team;

import static nl.klachtenbalie.keys.team.TeamCeremonyTest.assertError;
import static nl.klachtenbalie.keys.team.TeamCeremonyTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import nl.klachtenbalie.crypto.bundle.TeamBundle;
import nl.klachtenbalie.crypto.bundle.TeamBundleVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keys team sign-bundle --assets … --override-dir DIR}: a deployment that serves its own
 * {@code deployment.js} through the server's {@code web.override-dir} signs the hash of that file,
 * not the build's, so the transfer page's check matches what the server really serves.
 */
class SignBundleOverrideDirTest {

    static final String BUILD_SHA = "sha256-" + "A".repeat(43) + "=";

    @TempDir
    Path tmp;

    private static TeamCli cli() {
        return new TeamCli().passphrases(TeamCeremonyTest.ROOT, TeamCeremonyTest.MEMBER);
    }

    private static String sri(byte[] data) throws Exception {
        return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private Path team() {
        Path team = tmp.resolve("team");
        ok(cli().run("team", "create", "--dir", team.toString(), "--deployment", "utrecht-1", "--member", "anna"));
        return team;
    }

    private Path manifest() throws Exception {
        Path build = Files.createDirectories(tmp.resolve("build"));
        Files.writeString(build.resolve("asset-manifest.json"), "{\n \"app.entry.js\": \"" + BUILD_SHA
                + "\",\n \"deployment.js\": \"" + BUILD_SHA + "\",\n \"index.html\": \"" + BUILD_SHA + "\"\n}\n");
        return build;
    }

    @Test
    void listedFilesInTheOverrideDirAreSignedAsServed() throws Exception {
        Path team = team();
        Path build = manifest();
        Path override = Files.createDirectories(tmp.resolve("override"));
        byte[] deployment = "export const DEPLOYMENT = { test: false, id: \"utrecht-1\" };\n".getBytes(StandardCharsets.UTF_8);
        Files.write(override.resolve("deployment.js"), deployment);
        Files.writeString(override.resolve(".notes"), "hidden files are never served");

        TeamCli.Result r = ok(cli().run("team", "sign-bundle", "--dir", team.toString(), "--assets", build.toString(),
                "--override-dir", override.toString()));
        assertTrue(r.stdout().contains("deployment.js signed as served from there"), r.stdout());

        TeamState s = TeamDirectory.open(team).readState();
        TeamBundle b = new TeamBundleVerifier(s.pins(), LocalDate.of(2026, 3, 4), 0)
                .verify(Files.readAllBytes(team.resolve("bundles/team-bundle-v1.json")));
        assertEquals(Map.of("app.entry.js", BUILD_SHA, "deployment.js", sri(deployment), "index.html", BUILD_SHA),
                b.payload().assets());
    }

    @Test
    void theMethodMirrorsTheServersRules() throws Exception {
        Path build = manifest();
        Path override = Files.createDirectories(tmp.resolve("override"));
        // A link is not served by the server (it never follows links), so it is not signed either.
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere.js"), "x");
        Files.createSymbolicLink(override.resolve("app.entry.js"), elsewhere);
        assertEquals(Map.of("app.entry.js", BUILD_SHA, "deployment.js", BUILD_SHA, "index.html", BUILD_SHA),
                AssetManifest.read(build, override));
        assertEquals(AssetManifest.read(build), AssetManifest.read(build, null));
    }

    @Test
    void unlistedFilesAndMisuseAreRefused() throws Exception {
        Path team = team();
        Path build = manifest();
        Path override = Files.createDirectories(tmp.resolve("override"));
        Files.writeString(override.resolve("extra.js"), "served, but in nobody's list");
        assertError(cli().run("team", "sign-bundle", "--dir", team.toString(), "--assets", build.toString(),
                "--override-dir", override.toString()), "does not list: extra.js");
        assertError(cli().run("team", "sign-bundle", "--dir", team.toString(), "--assets", build.toString(),
                "--override-dir", tmp.resolve("nowhere").toString()), "is not a directory");
        assertError(cli().run("team", "sign-bundle", "--dir", team.toString(), "--override-dir", override.toString()),
                "needs --assets");
        // Nothing was signed by the refused runs.
        assertTrue(Files.notExists(team.resolve("bundles/team-bundle-v1.json")));
    }
}
