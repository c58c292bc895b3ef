package nl.klachtenbalie.keys.desk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nl.klachtenbalie.keys.cli.CliEnvironment;
import nl.klachtenbalie.keys.desk.kaart.SocialeKaart;
import nl.klachtenbalie.keys.desk.service.Desk;
import nl.klachtenbalie.keys.desk.stats.StatsService;
import nl.klachtenbalie.keys.desk.store.DeskStore;
import nl.klachtenbalie.keys.desk.team.TeamDirectory;
import nl.klachtenbalie.keys.desk.team.UnlockedMember;
import nl.klachtenbalie.keys.desk.text.Messages;
import nl.klachtenbalie.keys.desk.web.DeskWeb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keys desk}: unlock a member's keys and serve the desk on 127.0.0.1 until the worker
 * closes it. Prints one address containing the per-launch secret; nothing else leaves the machine.
 */
@Command(name = "desk", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Open the case team's desk: read, answer and keep track of reports.",
                "Serves a web page on 127.0.0.1 only; open the printed address in the desk's browser."})
public final class DeskCommand implements Callable<Integer> {

    static final String ENV_PASSPHRASE = "KB_PASSPHRASE";
    static final List<Path> DEFAULT_IMPORT_DIRS = List.of(Path.of("/media"), Path.of("/run/media"), Path.of("/mnt"));

    @Option(names = "--team", required = true, paramLabel = "TEAMDIR", description = "The team directory from the key ceremony.")
    Path teamDir;

    @Option(names = "--member", required = true, paramLabel = "ID", description = "Your member id.")
    String member;

    @Option(names = "--store", required = true, paramLabel = "DESKDIR", description = "The desk's own directory (created if missing).")
    Path store;

    @Option(names = "--port", defaultValue = "0", paramLabel = "PORT", description = "Port on 127.0.0.1 (default: any free port).")
    int port;

    @Option(names = "--lang", defaultValue = "en", paramLabel = "LANG", description = "Language of the desk: en or nl.")
    String lang;

    @Option(names = "--import-dir", paramLabel = "DIR", description = "Where to look for export files (default: /media, /run/media, /mnt). Repeatable.")
    List<Path> importDirs = new ArrayList<>();

    private final CliEnvironment env;

    DeskCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        Messages m = new Messages(Locale.forLanguageTag(lang.equals("nl") ? "nl" : "en"));
        if (port < 0 || port > 65535) {
            env.stderr().println("keys: error: " + m.get("error.port"));
            return 1;
        }
        UnlockedMember me = null;
        try {
            TeamDirectory team = TeamDirectory.open(teamDir, java.time.LocalDate.now(env.clock()));
            char[] passphrase = passphrase(m);
            try {
                me = team.unlock(member, passphrase);
            } finally {
                Arrays.fill(passphrase, '\0');
            }
            try (DeskStore ds = DeskStore.open(store, env.random())) {
                Desk desk = Desk.open(team, me, ds, env.clock(), env.random());
                SocialeKaart kaart = new SocialeKaart(ds, me.identities(), team.teamRecipients());
                StatsService stats = StatsService.forDesk(desk, ds, me.identities(), team.teamRecipients(),
                        env.clock(), env.random());
                DeskWeb web = DeskWeb.start(desk, kaart, stats, m, env.random(), port,
                        importDirs.isEmpty() ? DEFAULT_IMPORT_DIRS : importDirs);
                Runtime.getRuntime().addShutdownHook(new Thread(web::stop));
                env.stderr().println(m.get("cli.open", member));
                env.stdout().write((web.url() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                env.stdout().flush();
                env.stderr().println(m.get("cli.keepOpen"));
                web.awaitClose();
                env.stderr().println(m.get("cli.closed"));
            }
            return 0;
        } catch (DeskException e) {
            env.stderr().println("keys: error: " + m.get(e.key(), e.args()));
            return 1;
        } catch (IOException e) {
            env.stderr().println("keys: error: " + m.get("error.io", e.getClass().getSimpleName()));
            return 1;
        } finally {
            if (me != null) {
                me.destroy();
            }
        }
    }

    private char[] passphrase(Messages m) {
        String fromEnv = env.env().get(ENV_PASSPHRASE);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        if (env.terminal() == null) {
            throw new DeskException("error.passphrase.noTerminal", ENV_PASSPHRASE);
        }
        char[] typed = env.terminal().readPassword(m.get("cli.passphrase", member));
        if (typed == null || typed.length == 0) {
            throw new DeskException("error.passphrase.empty");
        }
        return typed;
    }
}
