package nl.klachtenbalie.server.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import nl.klachtenbalie.server.KlachtenbalieServer;
import nl.klachtenbalie.server.config.ServerConfig;
import nl.klachtenbalie.server.team.TeamAccounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "team-account", description = "Manage team accounts of the transfer page.", subcommands = TeamAccountCommand.Add.class)
final class TeamAccountCommand {

    @Command(name = "add", description = "Create an account; prints its password and TOTP secret once.")
    static final class Add implements Callable<Integer> {
        @Option(names = "--config", required = true)
        Path config;

        @Parameters(index = "0", paramLabel = "NAME", description = "a-z, 0-9, '.', '_', '-'; 1-32 characters")
        String name;

        @Override
        public Integer call() {
            try {
                ServerConfig cfg = Setup.config(config);
                TeamAccounts accounts = new KlachtenbalieServer(cfg, Setup.database(cfg), Clock.systemUTC(),
                        new SecureRandom()).teamAccounts();
                print(accounts.add(name));
                return 0;
            } catch (Exception e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }

    static void print(TeamAccounts.NewAccount a) {
        System.out.println("Team account '" + a.name() + "' created. Hand this over in person; it is shown only once.");
        System.out.println("  password:    " + a.password());
        System.out.println("  TOTP secret: " + a.totpSecretBase32() + "  (SHA-1, 6 digits, 30 s)");
        System.out.println("  otpauth URI: " + a.otpauthUri());
    }
}
