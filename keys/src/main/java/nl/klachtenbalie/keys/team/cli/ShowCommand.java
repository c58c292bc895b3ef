package nl.klachtenbalie.keys.team.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import nl.klachtenbalie.crypto.bundle.BundleException;
import nl.klachtenbalie.crypto.bundle.Member;
import nl.klachtenbalie.crypto.bundle.TeamBundle;
import nl.klachtenbalie.crypto.bundle.TeamBundleVerifier;
import nl.klachtenbalie.crypto.bundle.TeamFingerprint;
import nl.klachtenbalie.keys.cli.CliEnvironment;
import nl.klachtenbalie.keys.team.TeamDirectory;
import nl.klachtenbalie.keys.team.TeamState;
import org.bouncycastle.util.encoders.Hex;
import picocli.CommandLine.Command;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show the team: deployment, fingerprint, members and the state of the last signed bundle.")
final class ShowCommand extends TeamSubcommand {

    /** Below this many days left, show says loudly that a new bundle is due. */
    static final int WARN_DAYS = 14;

    ShowCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    int run() throws IOException {
        TeamDirectory team = TeamDirectory.open(dir);
        TeamState s = team.readState();
        if (Files.exists(team.demoWarning())) {
            out.println("*** DEMO TEAM: passphrase \"demo\"; not for real reports ***");
        }
        out.println("Deployment:   " + s.deployment());
        out.println("Fingerprint:  " + TeamFingerprint.of(s.rootKey()));
        out.println("Root key:     " + s.rootKey().hex());
        out.println("Argon2:       salt " + Hex.toHexString(s.argon2Salt()) + ", m=" + s.argon2Params().memoryKiB()
                + " t=" + s.argon2Params().iterations() + " p=" + s.argon2Params().parallelism());
        out.println("Members:");
        for (Member m : s.members()) {
            out.printf("  %-20s %-12s since %s  %s%n", m.id(), m.status().json(), m.since(), m.recipient());
        }
        if (s.lastBundleVersion() == 0) {
            out.println("Bundle:       none signed yet (keys team sign-bundle)");
            return 0;
        }
        LocalDate today = LocalDate.now(env.clock());
        try {
            TeamBundle b = new TeamBundleVerifier(s.pins(), today, 0)
                    .verify(Files.readAllBytes(team.bundle(s.lastBundleVersion())));
            long left = ChronoUnit.DAYS.between(today, b.payload().expires());
            out.println("Bundle:       version " + b.version() + ", expires " + b.payload().expires() + " (" + left
                    + " days left)" + (left < WARN_DAYS ? " — SIGN A NEW BUNDLE NOW" : ""));
        } catch (BundleException e) {
            out.println("Bundle:       version " + s.lastBundleVersion() + " is NOT VALID (" + e.kind() + ")"
                    + (e.kind() == BundleException.Kind.EXPIRED ? ": reporters see \"temporarily unavailable\"; sign a new one" : ""));
        } catch (java.nio.file.NoSuchFileException e) {
            out.println("Bundle:       version " + s.lastBundleVersion() + " is missing from bundles/");
        }
        return 0;
    }
}
