package nl.klachtenbalie.keys.team.cli;

import java.io.IOException;
import nl.klachtenbalie.crypto.bundle.Member;
import nl.klachtenbalie.keys.cli.CliEnvironment;
import nl.klachtenbalie.keys.team.TeamDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add-member", mixinStandardHelpOptions = true,
        description = {"Add a member with fresh keys, sealed with a new generated passphrase.",
                "The member gets an age identity and a reply-signing key; reporters encrypt to them from the next",
                "signed bundle on."})
final class AddMemberCommand extends TeamSubcommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The new member's id: 1-64 characters of A-Z a-z 0-9 . _ -")
    String id;

    @Option(names = "--words", defaultValue = "6", paramLabel = "N", description = "Words in the generated passphrase (at least 6).")
    int words;

    AddMemberCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    int run() throws IOException {
        TeamDirectory team = TeamDirectory.open(dir);
        boolean demo = java.nio.file.Files.exists(team.demoWarning());
        Passphrases passphrases = new Passphrases(env, words);
        char[] p = passphrases.fresh("member " + id + " (members/" + id + ".*.age)", Passphrases.MEMBER_ENV, demo);
        try {
            Member m = ceremony().addMember(team, id, p);
            out.println("Added member " + m.id() + " (" + m.recipient() + "), active from " + m.since() + ".");
            out.println("Sign a new bundle so reporters encrypt to them: keys team sign-bundle --dir " + team.root());
            passphrases.showGenerated(out);
            return 0;
        } finally {
            Passphrases.wipe(p);
        }
    }
}
