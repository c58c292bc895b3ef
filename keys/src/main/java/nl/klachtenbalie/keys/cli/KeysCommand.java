package nl.klachtenbalie.keys.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import nl.klachtenbalie.crypto.age.AgeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code keys}: the desk's command line. Each subcommand is one small class with a constructor
 * taking the {@link CliEnvironment}; adding one means adding it to {@code subcommands} below.
 *
 * <p>Exit codes follow age: 0 on success, 1 on any error. Errors are one line on stderr,
 * {@code keys: error: …}; stack traces are never shown, because messages are written for the
 * person at the desk and a trace could carry data from a decrypted file.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, version = "keys 0.1.0",
        description = "Key ceremony and age tools for the klachtenbalie desk.",
        subcommands = {AgeCommand.class, KeygenCommand.class, nl.klachtenbalie.keys.team.cli.TeamCommand.class,
                nl.klachtenbalie.keys.desk.DeskCommand.class,
                nl.klachtenbalie.keys.flyer.FlyerCommand.class})
public final class KeysCommand implements Callable<Integer> {

    static final String ERROR_PREFIX = "keys: error: ";

    private final CliEnvironment env;

    KeysCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        new CommandLine(this, new Factory(env)).usage(env.stderr());
        return 1;
    }

    public static void main(String[] args) {
        System.exit(run(CliEnvironment.system(), args));
    }

    /** Runs one command line against {@code env}; returns the exit code. */
    public static int run(CliEnvironment env, String... args) {
        CommandLine cli = new CommandLine(new KeysCommand(env), new Factory(env));
        cli.setOut(new PrintWriter(env.stdout(), true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(env.stderr(), true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler((e, ignored) -> {
            env.stderr().println(ERROR_PREFIX + e.getMessage());
            env.stderr().println("keys: run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage");
            return 1;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            env.stderr().println(ERROR_PREFIX + describe(e));
            return 1;
        });
        return cli.execute(args);
    }

    static String describe(Exception e) {
        if (e instanceof CliException || e instanceof AgeException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException f) {
            return "no such file: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + f.getReason();
        }
        if (e instanceof IOException) {
            return "I/O error: " + e.getMessage();
        }
        return "internal error (" + e.getClass().getSimpleName() + ")";
    }

    /** Creates commands with the environment injected; anything else picocli needs, as usual. */
    private static final class Factory implements CommandLine.IFactory {

        private final CliEnvironment env;

        Factory(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                var constructor = cls.getDeclaredConstructor(CliEnvironment.class);
                constructor.setAccessible(true);
                return constructor.newInstance(env);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
