package nl.klachtenbalie.keys.team.cli;

import java.io.IOException;
import nl.klachtenbalie.crypto.bundle.Member;
import nl.klachtenbalie.keys.cli.CliEnvironment;
import nl.klachtenbalie.keys.team.TeamDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "revoke-member", mixinStandardHelpOptions = true,
        description = {"Retire a member from today, or mark their keys compromised (--compromised).",
                "A retired member's earlier replies stay valid; a compromised member's replies are not trusted at all.",
                "Takes effect with the next signed bundle and protects only reports sent after it."})
final class RevokeMemberCommand extends TeamSubcommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The member's id.")
    String id;

    @Option(names = "--compromised", description = "The member's keys leaked or were lost.")
    boolean compromised;

    RevokeMemberCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    int run() throws IOException {
        TeamDirectory team = TeamDirectory.open(dir);
        Member m = ceremony().revokeMember(team, id, compromised);
        out.println("Member " + m.id() + " is " + m.status().json() + " from " + m.since() + ".");
        out.println("Sign a new bundle now: until then reporters still encrypt to " + m.id() + ".");
        out.println("Revocation protects only future reports: whatever was encrypted to " + m.id()
                + " before stays readable with their identity.");
        return 0;
    }
}
