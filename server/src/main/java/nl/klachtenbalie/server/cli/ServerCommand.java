package nl.klachtenbalie.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/server}: the mailbox server's command line. The only part of the server that prints. */
@Command(name = "server", mixinStandardHelpOptions = true, version = "klachtenbalie server 0.1.0",
        description = "The klachtenbalie mailbox server: an append-only log of encrypted events that knows no one.",
        subcommands = {RunCommand.class, DemoCommand.class, TeamAccountCommand.class, BackupCommand.class,
            RestoreCommand.class})
public final class ServerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int code = new CommandLine(new ServerCommand()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
