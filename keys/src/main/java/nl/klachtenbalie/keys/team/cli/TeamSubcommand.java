package nl.klachtenbalie.keys.team.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import nl.klachtenbalie.keys.cli.CliEnvironment;
import nl.klachtenbalie.keys.team.TeamCeremony;
import nl.klachtenbalie.keys.team.TeamException;
import picocli.CommandLine.Option;

/**
 * Common ground of the {@code keys team …} commands: the injected environment, {@code --dir}, and
 * one place that turns failures into a single {@code keys: error: …} line (exit 1) — never a
 * stack trace, which could carry key material or paths the person at the desk cannot act on.
 */
abstract class TeamSubcommand implements Callable<Integer> {

    static final String ERROR_PREFIX = "keys: error: ";

    @Option(names = "--dir", required = true, paramLabel = "TEAMDIR", description = "The team directory.")
    Path dir;

    final CliEnvironment env;
    final PrintStream out;

    TeamSubcommand(CliEnvironment env) {
        this.env = env;
        this.out = new PrintStream(env.stdout(), true, StandardCharsets.UTF_8);
    }

    TeamCeremony ceremony() {
        return new TeamCeremony(env.random(), env.clock());
    }

    abstract int run() throws IOException;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (TeamException e) {
            env.stderr().println(ERROR_PREFIX + e.getMessage());
        } catch (AccessDeniedException e) {
            env.stderr().println(ERROR_PREFIX + "permission denied: " + e.getFile());
        } catch (FileSystemException e) {
            env.stderr().println(ERROR_PREFIX + e.getFile() + ": " + (e.getReason() == null ? "file error" : e.getReason()));
        } catch (IOException e) {
            env.stderr().println(ERROR_PREFIX + "I/O error: " + e.getMessage());
        } catch (RuntimeException e) {
            env.stderr().println(ERROR_PREFIX + "internal error (" + e.getClass().getSimpleName() + ")");
        } finally {
            out.flush();
        }
        return 1;
    }
}
