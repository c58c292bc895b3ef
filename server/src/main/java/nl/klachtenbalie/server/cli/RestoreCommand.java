package nl.klachtenbalie.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import nl.klachtenbalie.server.config.ServerConfig;
import nl.klachtenbalie.server.db.Backups;
import nl.klachtenbalie.server.db.Database;
import org.jdbi.v3.core.Jdbi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restore", description = "Replace the database with a backup FILE. Stop the server first.")
final class RestoreCommand implements Callable<Integer> {

    @Option(names = "--config", required = true)
    Path config;

    @Parameters(index = "0", paramLabel = "FILE")
    Path source;

    @Override
    public Integer call() {
        try {
            if (!Files.isRegularFile(source)) {
                System.err.println("no backup file at " + source);
                return 2;
            }
            Jdbi check = Database.open(source);
            try {
                check.useHandle(h -> h.createQuery("SELECT count(*) FROM mailboxes").mapTo(Long.class).one());
            } finally {
                Database.close(check);
            }
            ServerConfig cfg = Setup.config(config);
            Jdbi target = Setup.database(cfg);
            try {
                Backups.restore(target, source);
            } finally {
                Database.close(target);
            }
            System.out.println("database restored from " + source);
            return 0;
        } catch (Exception e) {
            System.err.println("restore failed: " + e.getMessage());
            return 1;
        }
    }
}
