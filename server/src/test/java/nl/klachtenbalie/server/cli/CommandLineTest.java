package nl.klachtenbalie.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import nl.klachtenbalie.server.db.Database;
import nl.klachtenbalie.server.TestTeam;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

    @TempDir
    Path dir;

    private int run(ByteArrayOutputStream out, String... args) {
        PrintStream real = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new ServerCommand()).execute(args);
        } finally {
            System.setOut(real);
        }
    }

    private Path config() throws Exception {
        TestTeam team = TestTeam.generate("cli.example", new SecureRandom());
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "data.dir=data\ndeployment.id=cli.example\ndeployment.root-key="
                + HexFormat.of().formatHex(team.rootPublicKey()) + "\ndeployment.argon2-salt="
                + HexFormat.of().formatHex(team.argon2Salt()) + "\nteam.argon2-memory-kib=1024\nteam.argon2-iterations=1\n");
        return file;
    }

    private static long accounts(Path db) {
        Jdbi jdbi = Database.open(db);
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM team_accounts").mapTo(Long.class).one());
    }

    @Test
    void accountBackupAndRestore() throws Exception {
        Path config = config();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, run(out, "team-account", "add", "anna", "--config", config.toString()));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("otpauth://totp/klachtenbalie:anna?secret="), printed);
        assertTrue(printed.contains("password:"), printed);

        Path backup = dir.resolve("backup.db");
        assertEquals(0, run(new ByteArrayOutputStream(), "backup", backup.toString(), "--config", config.toString()));
        assertEquals(1, accounts(backup));
        assertEquals(2, run(new ByteArrayOutputStream(), "backup", backup.toString(), "--config", config.toString()),
                "never overwrites");

        assertEquals(0, run(new ByteArrayOutputStream(), "team-account", "add", "bo", "--config", config.toString()));
        assertEquals(2, accounts(dir.resolve("data/klachtenbalie.db")));
        assertEquals(0, run(new ByteArrayOutputStream(), "restore", backup.toString(), "--config", config.toString()));
        assertEquals(1, accounts(dir.resolve("data/klachtenbalie.db")));
    }

    @Test
    void badConfigIsExplained() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "data.dir=data\nserver.port=x\n");
        PrintStream real = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, new CommandLine(new ServerCommand()).execute("run", "--config", file.toString()));
        } finally {
            System.setErr(real);
        }
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.contains("deployment.id is required") && msg.contains("server.port must be a whole number"), msg);
    }
}
