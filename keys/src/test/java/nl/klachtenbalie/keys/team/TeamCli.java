package nl.klachtenbalie.keys.team;

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
import nl.klachtenbalie.keys.cli.CliEnvironment;
import nl.klachtenbalie.keys.cli.KeysCommand;

/** Runs {@code keys team …} in-process with captured streams, a settable clock and environment. */
final class TeamCli {

    static final Instant START = Instant.parse("2026-03-04T10:00:00Z");

    private final Map<String, String> env = new HashMap<>();
    private Clock clock = Clock.fixed(START, ZoneOffset.UTC);
    private boolean terminal;
    private Deque<String> typed;

    record Result(int exitCode, String stdout, String stderr) {
    }

    TeamCli env(String key, String value) {
        env.put(key, value);
        return this;
    }

    TeamCli passphrases(String root, String member) {
        return env("KB_ROOT_PASSPHRASE", root).env("KB_MEMBER_PASSPHRASE", member);
    }

    TeamCli daysLater(long days) {
        clock = Clock.fixed(START.plusSeconds(days * 86_400), ZoneOffset.UTC);
        return this;
    }

    /** Stdout is a terminal, and the user types these lines at password prompts. */
    TeamCli onTerminal(String... lines) {
        terminal = true;
        typed = new ArrayDeque<>(List.of(lines));
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment.Terminal t = typed == null ? null : prompt -> {
            String line = typed.poll();
            return line == null ? null : line.toCharArray();
        };
        CliEnvironment e = new CliEnvironment(new ByteArrayInputStream(new byte[0]), out,
                new PrintStream(err, true, StandardCharsets.UTF_8), env, t, terminal, clock, new SecureRandom());
        int code = KeysCommand.run(e, args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
