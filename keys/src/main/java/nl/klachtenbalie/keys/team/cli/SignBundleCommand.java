package nl.klachtenbalie.keys.team.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import nl.klachtenbalie.keys.cli.CliEnvironment;
import nl.klachtenbalie.keys.team.AssetManifest;
import nl.klachtenbalie.keys.team.TeamCeremony;
import nl.klachtenbalie.keys.team.TeamDirectory;
import nl.klachtenbalie.keys.team.TeamException;
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

    @Option(names = "--override-dir", paramLabel = "DIR",
            description = {"The server's web.override-dir (for example the deployment's own deployment.js): listed"
                    + " assets found there are signed with the hash of that file, because that is what the server serves.",
                    "Needs --assets; a file there that the manifest does not list is refused."})
    Path overrideDir;

    @Option(names = "--switch-to-hybrid", description = {"The post-quantum flag day (protocol §9.2): give every active member a"
            + " new hybrid identity (members/ID.identity-pq.age, sealed with the member's own passphrase, asked for"
            + " each member or taken from " + Passphrases.MEMBER_ENV + "), keep the classic identity files for older"
            + " reports, and sign this and every later bundle all-hybrid."})
    boolean switchToHybrid;

    SignBundleCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    int run() throws IOException {
        TeamDirectory team = TeamDirectory.open(dir);
        if (overrideDir != null && assets == null) {
            throw new TeamException("--override-dir needs --assets (the client build's asset-manifest.json)");
        }
        Map<String, String> built = assets == null ? Map.of() : AssetManifest.read(assets);
        Map<String, String> manifest = assets == null ? Map.of() : AssetManifest.read(assets, overrideDir);
        if (switchToHybrid) {
            switchToHybrid(team);
        }
        char[] p = new Passphrases(env, 0).existing("Passphrase of root.key.age: ", Passphrases.ROOT_ENV);
        try {
            TeamCeremony.SignedBundle b = ceremony().signBundle(team, p, validDays, manifest);
            out.println("Signed team bundle version " + b.version() + ": " + b.file());
            out.println("Valid until " + b.bundle().payload().expires() + "; " + b.bundle().recipients().size()
                    + " active member(s), " + manifest.size() + " asset(s).");
            if (overrideDir != null) {
                java.util.List<String> replaced = manifest.keySet().stream()
                        .filter(k -> !manifest.get(k).equals(built.get(k))).toList();
                out.println("From " + overrideDir + ": " + (replaced.isEmpty() ? "no listed asset differs from the build."
                        : String.join(", ", replaced) + " signed as served from there."));
            }
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

    private void switchToHybrid(TeamDirectory team) throws IOException {
        Passphrases passphrases = new Passphrases(env, 0);
        java.util.List<char[]> asked = new java.util.ArrayList<>();
        try {
            Map<String, String> made = ceremony().switchToHybrid(team, id -> {
                char[] c = passphrases.existing("Passphrase of member " + id + ": ", Passphrases.MEMBER_ENV);
                asked.add(c);
                return c;
            });
            if (made.isEmpty()) {
                out.println("The team is already hybrid; signing the next all-hybrid bundle.");
            }
            for (String id : made.keySet()) {
                out.println("New hybrid identity for " + id + ": members/" + id + ".identity-pq.age"
                        + " (members/" + id + ".identity.age stays, for older reports)");
            }
        } finally {
            asked.forEach(Passphrases::wipe);
        }
    }
}
