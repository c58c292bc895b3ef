package nl.klachtenbalie.crypto.age;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The reference {@code age} command line (Debian's package), for interoperability tests; shared
 * with other modules through the crypto test jar.
 *
 * <p>If it is missing, tests fail with instructions, unless {@code KB_SKIP_AGE_INTEROP=1} is set
 * as an environment variable or system property — CI installs age, so a silent skip there would
 * hide a broken interop path.
 */
public final class AgeBinary {

    private static final long TIMEOUT_SECONDS = 300;

    private final Path age;
    private final Path keygen;

    private AgeBinary(Path age, Path keygen) {
        this.age = age;
        this.keygen = keygen;
    }

    /** Finds {@code age} and {@code age-keygen} on the PATH, or fails (or skips, if asked to). */
    public static AgeBinary locate() {
        String skip = System.getenv("KB_SKIP_AGE_INTEROP");
        if (skip == null) {
            skip = System.getProperty("KB_SKIP_AGE_INTEROP");
        }
        Path age = onPath("age");
        Path keygen = onPath("age-keygen");
        if (age == null || keygen == null) {
            Assumptions.assumeFalse("1".equals(skip), "age interop tests skipped: KB_SKIP_AGE_INTEROP=1");
            fail("the age and age-keygen binaries are required for the interop tests but are not on the PATH;"
                    + " install them (apt-get install age) or set KB_SKIP_AGE_INTEROP=1 to skip these tests");
        }
        return new AgeBinary(age, keygen);
    }

    private static Path onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The result of one run; stdout and stderr were captured through files. */
    public record Result(int exitCode, byte[] stdout, String stderr) {
        public Result requireSuccess(String what) {
            if (exitCode != 0) {
                fail(what + " failed with exit code " + exitCode + ": " + stderr);
            }
            return this;
        }
    }

    /** Runs {@code age args…} in {@code dir} with {@code stdin} as its input. */
    public Result age(Path dir, byte[] stdin, String... args) throws IOException, InterruptedException {
        return run(dir, stdin, age, args);
    }

    /** Runs {@code age-keygen args…} in {@code dir}. */
    public Result keygen(Path dir, String... args) throws IOException, InterruptedException {
        return run(dir, new byte[0], keygen, args);
    }

    /**
     * Runs {@code age args…} on a pseudo-terminal, typing {@code typed} into it. age reads
     * passphrases only from a terminal, so this goes through util-linux {@code script}, which
     * gives the child a pty and forwards our stdin to it. Write age's output with {@code -o}:
     * its terminal output (prompts, echoes) is what comes back as stdout here.
     */
    public Result ageOnTerminal(Path dir, String typed, String... args) throws IOException, InterruptedException {
        Path script = onPath("script");
        if (script == null) {
            fail("util-linux 'script' is needed to give age a terminal for passphrases, but it is not on the PATH");
        }
        StringBuilder command = new StringBuilder(quote(age.toString()));
        for (String arg : args) {
            command.append(' ').append(quote(arg));
        }
        byte[] input = typed.getBytes(StandardCharsets.UTF_8);
        return run(dir, input, script, "-qec", command.toString(), "/dev/null");
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static Result run(Path dir, byte[] stdin, Path program, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(List.of(args));
        Path in = Files.createTempFile(dir, "stdin", "");
        Path out = Files.createTempFile(dir, "stdout", "");
        Path err = Files.createTempFile(dir, "stderr", "");
        Files.write(in, stdin);
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        Result r = new Result(p.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(in);
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
