package nl.klachtenbalie.keys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import nl.klachtenbalie.crypto.age.X25519Identity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsAnAgeKeygenStyleIdentityWithTheDateOnly() {
        Cli.Result r = new Cli().run("keygen");
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = r.stdoutText().lines().toList();
        assertEquals(3, lines.size());
        assertEquals("# created: 2026-03-04", lines.get(0));
        X25519Identity id = X25519Identity.parse(lines.get(2));
        assertEquals("# public key: " + id.recipient(), lines.get(1));
        assertTrue(r.stdoutText().endsWith("\n"));
    }

    @Test
    void everyKeyIsNew() {
        assertNotEquals(new Cli().run("keygen").stdoutText(), new Cli().run("keygen").stdoutText());
    }

    @Test
    void writesAnOwnerOnlyFileAndNeverOverwrites() throws Exception {
        Path key = dir.resolve("key.txt");
        Cli.Result r = new Cli().run("keygen", "-o", key.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(0, r.stdout().length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        String content = Files.readString(key);
        X25519Identity id = X25519Identity.parse(content.lines().toList().get(2));
        assertEquals("Public key: " + id.recipient() + "\n", r.stderr());

        Cli.Result again = new Cli().run("keygen", "-o", key.toString());
        assertEquals(1, again.exitCode());
        assertEquals("keys: error: refusing to overwrite existing file " + key + "\n", again.stderr());
        assertEquals(content, Files.readString(key));
    }
}
