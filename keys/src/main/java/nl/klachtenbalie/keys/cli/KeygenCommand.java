package nl.klachtenbalie.keys.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import nl.klachtenbalie.crypto.age.X25519Identity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keys keygen}: a new age X25519 identity in age-keygen's file format.
 *
 * <p>The creation line carries the date only: the time of day would be one more fact linking a
 * key to a moment someone was at the desk.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Generate a new age identity, like age-keygen.",
                "With -o the file is created owner-only (0600) and an existing file is never overwritten."})
final class KeygenCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, paramLabel = "OUTPUT", description = "Write the identity to OUTPUT instead of standard output.")
    Path output;

    private final CliEnvironment env;

    KeygenCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        X25519Identity identity = X25519Identity.generate(env.random());
        String text = "# created: " + LocalDate.now(env.clock()) + "\n"
                + "# public key: " + identity.recipient() + "\n"
                + identity.toSecretString() + "\n";
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (output == null) {
            env.stdout().write(bytes);
            env.stdout().flush();
        } else {
            try (OutputStream out = SafeOutput.createNewOwnerOnly(output)) {
                out.write(bytes);
            }
            // As age-keygen does when the key goes to a file: the public half, for copying.
            env.stderr().println("Public key: " + identity.recipient());
        }
        return 0;
    }
}
