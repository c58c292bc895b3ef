package nl.klachtenbalie.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import nl.klachtenbalie.server.config.ServerConfig;
import nl.klachtenbalie.server.db.Backups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "backup", description = "Copy the database to FILE with SQLite's online backup (safe while running).")
final class BackupCommand implements Callable<Integer> {

    @Option(names = "--config", required = true)
    Path config;

    @Parameters(index = "0", paramLabel = "FILE")
    Path target;

    @Override
    public Integer call() {
        try {
            if (Files.exists(target)) {
                System.err.println("refusing to overwrite " + target);
                return 2;
            }
            ServerConfig cfg = Setup.config(config);
            Backups.backup(Setup.database(cfg), target);
            System.out.println("backup written to " + target + " (ciphertext, ids and days only; store it encrypted)");
            return 0;
        } catch (Exception e) {
            System.err.println("backup failed: " + e.getMessage());
            return 1;
        }
    }
}
