package nl.klachtenbalie.keys.team.cli;

import java.io.IOException;
import nl.klachtenbalie.keys.cli.CliEnvironment;
import nl.klachtenbalie.keys.team.Diceware;
import nl.klachtenbalie.keys.team.TeamCeremony;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create a new team: root key, first member, Argon2 salt, fingerprint.",
                "Passphrases are generated (diceware, six words or more) and shown once, on the terminal only.",
                "Never overwrites anything: TEAMDIR must not exist or be empty."})
final class CreateCommand extends TeamSubcommand {

    @Option(names = "--deployment", required = true, paramLabel = "ID",
            description = "The deployment id compiled into the client (1-64 printable ASCII characters).")
    String deployment;

    @Option(names = "--member", defaultValue = "desk", paramLabel = "NAME",
            description = "Id of the first member (default: ${DEFAULT-VALUE}).")
    String member;

    @Option(names = "--demo", description = "A demo team: every passphrase is \"demo\"; the deployment id must start with demo-.")
    boolean demo;

    @Option(names = "--hybrid", description = {"A post-quantum team from the start: members get hybrid (ML-KEM-768 + X25519,"
            + " age1pq1…) identities and every bundle is all-hybrid (protocol §9)."})
    boolean hybrid;

    @Option(names = "--words", defaultValue = "6", paramLabel = "N",
            description = "Words per generated passphrase (at least 6; default: ${DEFAULT-VALUE}).")
    int words;

    CreateCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    int run() throws IOException {
        Passphrases passphrases = new Passphrases(env, words);
        char[] root = passphrases.fresh("root key (root.key.age) — signs team bundles", Passphrases.ROOT_ENV, demo);
        char[] mine = null;
        try {
            mine = passphrases.fresh("member " + member + " (members/" + member + ".*.age)", Passphrases.MEMBER_ENV, demo);
            TeamCeremony.Created c = ceremony().create(dir, deployment, member, root, mine, demo, hybrid);
            if (demo) {
                env.stderr().println("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
                env.stderr().println("!! DEMO TEAM: every passphrase is \"demo\". Anyone with these files     !!");
                env.stderr().println("!! can read what is sent to this team. NEVER use it for real reports. !!");
                env.stderr().println("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
            }
            out.println("Created team " + deployment + " in " + c.directory().root());
            out.println("Team fingerprint: " + c.fingerprint());
            out.println("First member: " + member + " (" + c.state().members().get(0).recipient() + ")");
            out.println("Next: keys team sign-bundle --dir " + c.directory().root() + " --assets <client asset manifest>");
            passphrases.showGenerated(out);
            if (!demo && words == Diceware.MIN_WORDS && env.env().get(Passphrases.ROOT_ENV) == null) {
                out.printf("(each generated passphrase has %.1f bits of entropy)%n", Diceware.entropyBits(words));
            }
            return 0;
        } finally {
            Passphrases.wipe(root, mine);
        }
    }
}
