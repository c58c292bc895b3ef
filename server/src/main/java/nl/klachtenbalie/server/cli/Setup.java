package nl.klachtenbalie.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.klachtenbalie.server.config.ConfigException;
import nl.klachtenbalie.server.config.ConfigLoader;
import nl.klachtenbalie.server.config.ServerConfig;
import nl.klachtenbalie.server.db.Database;
import nl.klachtenbalie.server.guard.SecretMaterialGuard;
import org.jdbi.v3.core.Jdbi;

/** Shared start-up steps of the commands: read and check the config, open the database. */
final class Setup {

    private Setup() {
    }

    static ServerConfig config(Path file) throws ConfigException, IOException {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist");
        }
        SecretMaterialGuard.checkFile(file, "config file");
        return ConfigLoader.load(file, System.getenv());
    }

    static Jdbi database(ServerConfig config) throws IOException {
        Files.createDirectories(config.dataDir());
        return Database.open(config.databaseFile(), System.out::println);
    }
}
