package nl.klachtenbalie.crypto.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed vector file must be exactly what the Java code generates today: if the protocol
 * code changes, this fails until the file is regenerated (and the browser tests then check the
 * browser against the new file). With {@code -Dvectors.regenerate=true} it rewrites the file.
 */
class VectorFileTest {

    @Test
    void committedFileMatchesTheJavaImplementation() throws IOException {
        String location = System.getProperty("vectors.file");
        assertNotNull(location, "surefire must set vectors.file");
        Path file = Path.of(location);
        String generated = VectorGenerator.generate();
        assertEquals(generated, VectorGenerator.generate(), "generation must be deterministic");
        if (Boolean.getBoolean("vectors.regenerate")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated, StandardCharsets.US_ASCII);
        }
        String committed = Files.readString(file, StandardCharsets.US_ASCII);
        assertEquals(generated, committed, "vector file drifted: regenerate it with -Dvectors.regenerate=true");
    }
}
