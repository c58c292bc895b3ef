package nl.klachtenbalie.keys.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process with captured streams, a fixed clock and an optional fake terminal. */
final class Cli {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T23:59:30Z"), ZoneOffset.UTC);

    private final Map<String, String> env = new HashMap<>();
    private Deque<String> typed;
    private boolean stdoutIsTerminal;
    final java.util.List<String> prompts = new java.util.ArrayList<>();

    record Result(int exitCode, byte[] stdout, String stderr) {
        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    Cli env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** Pretends to be on a terminal where the user types these lines at the prompts. */
    Cli terminal(String... lines) {
        typed = new ArrayDeque<>(List.of(lines));
        return this;
    }

    Cli stdoutIsTerminal() {
        stdoutIsTerminal = true;
        return this;
    }

    Result run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment.Terminal terminal = typed == null ? null : prompt -> {
            prompts.add(prompt);
            String line = typed.poll();
            return line == null ? null : line.toCharArray();
        };
        CliEnvironment environment = new CliEnvironment(new ByteArrayInputStream(stdin), out,
                new PrintStream(err, true, StandardCharsets.UTF_8), env, terminal, stdoutIsTerminal, CLOCK,
                new SecureRandom());
        int code = KeysCommand.run(environment, args);
        return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    Result run(String... args) {
        return run(new byte[0], args);
    }
}
