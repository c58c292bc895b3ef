package nl.klachtenbalie.server.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import nl.klachtenbalie.server.KlachtenbalieServer;
import nl.klachtenbalie.server.config.ServerConfig;
import nl.klachtenbalie.server.db.Database;
import org.jdbi.v3.core.Jdbi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", description = "Run the server with a configuration file (production).")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "the properties file (see docs/api.md, Operations)")
    Path config;

    @Override
    public Integer call() throws Exception {
        ServerConfig cfg;
        try {
            cfg = Setup.config(config);
        } catch (Exception e) {
            System.err.println(e.getMessage());
            return 2;
        }
        KlachtenbalieServer server = start(cfg);
        if (server == null) {
            return 1;
        }
        System.out.println("klachtenbalie server listening on " + cfg.host() + ":" + server.port()
                + " (team page at " + cfg.teamPath() + "; no request log is kept)");
        Thread.currentThread().join();
        return 0;
    }

    static KlachtenbalieServer start(ServerConfig cfg) {
        try {
            Jdbi jdbi = Setup.database(cfg);
            KlachtenbalieServer server = new KlachtenbalieServer(cfg, jdbi, Clock.systemUTC(), new SecureRandom()).start();
            // Stop taking requests first, then let queued writes commit and close the database.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop();
                Database.close(jdbi);
            }, "shutdown"));
            return server;
        } catch (Exception e) {
            System.err.println("cannot start: " + e.getMessage());
            return null;
        }
    }
}
