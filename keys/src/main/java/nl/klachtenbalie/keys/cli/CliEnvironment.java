package nl.klachtenbalie.keys.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a command touches outside its arguments: standard streams, environment variables,
 * the terminal, the clock and the random source. Injected so commands run in-process in tests
 * and nothing reaches for globals.
 *
 * @param stdout raw bytes: decrypted and encrypted data go here unchanged
 * @param terminal reads passphrases without echo; {@code null} when there is no terminal
 * @param stdoutIsTerminal whether stdout is a terminal (binary ciphertext is refused there)
 */
public record CliEnvironment(InputStream stdin, OutputStream stdout, PrintStream stderr,
                             Map<String, String> env, Terminal terminal, boolean stdoutIsTerminal,
                             Clock clock, SecureRandom random) {

    /** Reads a secret from the user's terminal. */
    @FunctionalInterface
    public interface Terminal {
        /** @return the typed characters, or {@code null} at end of input */
        char[] readPassword(String prompt);
    }

    public CliEnvironment {
        Objects.requireNonNull(stdin);
        Objects.requireNonNull(stdout);
        Objects.requireNonNull(stderr);
        env = Map.copyOf(env);
        Objects.requireNonNull(clock);
        Objects.requireNonNull(random);
    }

    /** The real process environment; used only by {@code main}. */
    public static CliEnvironment system() {
        // Java 17 offers a console only when stdin and stdout are both terminals, so "stdout is a
        // terminal" errs on the side of allowing output when stdin is piped.
        Console console = System.console();
        Terminal terminal = console == null ? null : prompt -> console.readPassword("%s", prompt);
        return new CliEnvironment(System.in, System.out, System.err, System.getenv(), terminal,
                console != null, Clock.systemUTC(), new SecureRandom());
    }
}
