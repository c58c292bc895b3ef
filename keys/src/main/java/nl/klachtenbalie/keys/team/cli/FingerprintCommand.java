package nl.klachtenbalie.keys.team.cli;

import java.io.IOException;
import java.nio.file.Path;
import nl.klachtenbalie.keys.cli.CliEnvironment;
import nl.klachtenbalie.keys.team.TeamDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "fingerprint", mixinStandardHelpOptions = true,
        description = {"Print the team fingerprint for flyers and write it as text and QR code.",
                "Writes fingerprint.txt and fingerprint.png into the team directory; --qr writes another copy."})
final class FingerprintCommand extends TeamSubcommand {

    @Option(names = "--qr", paramLabel = "FILE.png", description = "Also write the QR code image here.")
    Path qr;

    FingerprintCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    int run() throws IOException {
        TeamDirectory team = TeamDirectory.open(dir);
        out.println(ceremony().writeFingerprint(team, team.readState(), qr));
        return 0;
    }
}
