package nl.klachtenbalie.keys.desk.team;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.klachtenbalie.keys.desk.DeskException;

/** Reads a team file whole, refusing one over 1 MiB: a team file is small, a huge one is a mistake or an attack. */
final class BoundedFile {

    static final int MAX = 1 << 20;

    private BoundedFile() {
    }

    static byte[] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(MAX + 1);
            if (b.length > MAX) {
                throw new DeskException("error.file.tooLarge", file.getFileName());
            }
            return b;
        }
    }
}
