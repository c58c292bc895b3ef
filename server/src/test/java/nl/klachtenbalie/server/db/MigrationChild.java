package nl.klachtenbalie.server.db;

import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;

/** The child JVM of {@link MigrationCrashTest}: opens (and so upgrades) one database, saying when it has. */
public final class MigrationChild {

    private MigrationChild() {
    }

    public static void main(String[] args) {
        Jdbi jdbi = Database.open(Path.of(args[0]), line -> {
            System.out.println(line);
            System.out.flush();
        });
        System.out.println("upgraded"); // committed; closing checkpoints the WAL into the file
        System.out.flush();
        Database.close(jdbi);
        System.out.println("done");
    }
}
