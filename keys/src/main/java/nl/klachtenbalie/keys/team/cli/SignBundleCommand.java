package nl.klachtenbalie.keys.team.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import nl.klachtenbalie.keys.cli.CliEnvironment;
import nl.klachtenbalie.keys.team.TeamCeremony;
import nl.klachtenbalie.keys.team.TeamDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sign-bundle", mixinStandardHelpOptions = true,
        description = {"Sign the next team bundle with the root key (version up by one, valid 60-90 days).",
                "Reporters encrypt to every active member; writes bundles/team-bundle-vN.json for the server."})
final class SignBundleCommand extends TeamSubcommand {

    @Option(names = "--valid-days", defaultValue = "" + TeamCeremony.DEFAULT_VALID_DAYS, paramLabel = "DAYS",
            description = "Days until the bundle expires, 60-90 (default: ${DEFAULT-VALUE}).")
    int validDays;

    @Option(names = "--assets", paramLabel = "DIR-or-FILE",
            description = "client-web's asset-manifest.json, or the directory holding it: the hash manifest of the live client.")
    Path assets;

    SignBundleCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    int run() throws IOException {
        TeamDirectory team = TeamDirectory.open(dir);
        Map<String, String> manifest = assets == null ? Map.of() : TeamCeremony.readAssetManifest(assets);
        char[] p = new Passphrases(env, 0).existing("Passphrase of root.key.age: ", Passphrases.ROOT_ENV);
        try {
            TeamCeremony.SignedBundle b = ceremony().signBundle(team, p, validDays, manifest);
            out.println("Signed team bundle version " + b.version() + ": " + b.file());
            out.println("Valid until " + b.bundle().payload().expires() + "; " + b.bundle().recipients().size()
                    + " active member(s), " + manifest.size() + " asset(s).");
            out.println("Publish it on the server as /team-bundle.json before the current one expires.");
            if (assets == null) {
                env.stderr().println("keys: warning: no --assets: the bundle carries no client asset manifest, so nobody"
                        + " can check the live JavaScript against it");
            }
            return 0;
        } finally {
            Passphrases.wipe(p);
        }
    }
}
