package nl.klachtenbalie.keys.team.cli;

import java.util.concurrent.Callable;
import nl.klachtenbalie.keys.cli.CliEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code keys team}: the key ceremony. See docs/case-team-guide.md, "Key ceremony". */
@Command(name = "team", mixinStandardHelpOptions = true,
        description = {"Key ceremony: create the team, add and revoke members, sign team bundles, print the fingerprint.",
                "Run it on the air-gapped desk; the team directory holds the passphrase-protected keys."},
        subcommands = {CreateCommand.class, AddMemberCommand.class, RevokeMemberCommand.class, SignBundleCommand.class,
                FingerprintCommand.class, ShowCommand.class})
public final class TeamCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final CliEnvironment env;

    TeamCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(env.stderr());
        return 1;
    }
}
