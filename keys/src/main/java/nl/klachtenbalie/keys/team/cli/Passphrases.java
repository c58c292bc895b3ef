package nl.klachtenbalie.keys.team.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.klachtenbalie.keys.cli.CliEnvironment;
import nl.klachtenbalie.keys.team.Diceware;
import nl.klachtenbalie.keys.team.TeamException;

/**
 * Where ceremony passphrases come from.
 *
 * <ul>
 *   <li>New passphrases are generated (diceware, six or more words) and shown once, at the end of
 *       a successful command — only on a terminal: printed into a file or a pipe they would end up
 *       on disk next to the keys they protect.
 *   <li>For scripts and tests {@code KB_ROOT_PASSPHRASE} and {@code KB_MEMBER_PASSPHRASE} supply them
 *       instead (the environment is visible to the user's other processes: not for a real ceremony).
 *   <li>A demo team uses the passphrase {@code demo} everywhere.
 *   <li>Existing passphrases (to sign a bundle) are read from the environment or typed without echo.
 * </ul>
 */
final class Passphrases {

    static final String ROOT_ENV = "KB_ROOT_PASSPHRASE";
    static final String MEMBER_ENV = "KB_MEMBER_PASSPHRASE";
    static final String DEMO = "demo";

    private final CliEnvironment env;
    private final int words;
    private final List<String[]> toShow = new ArrayList<>();

    Passphrases(CliEnvironment env, int words) {
        this.env = env;
        this.words = words;
    }

    /** A new passphrase for {@code what}: from {@code envVariable}, the demo value, or generated. */
    char[] fresh(String what, String envVariable, boolean demo) {
        if (demo) {
            return DEMO.toCharArray();
        }
        String fromEnv = env.env().get(envVariable);
        if (fromEnv != null) {
            if (fromEnv.isEmpty()) {
                throw new TeamException(envVariable + " is set but empty");
            }
            return fromEnv.toCharArray();
        }
        if (words < Diceware.MIN_WORDS) {
            throw new TeamException("--words must be at least " + Diceware.MIN_WORDS);
        }
        if (!env.stdoutIsTerminal()) {
            throw new TeamException("new passphrases are shown only on a terminal, never written to a file or pipe;"
                    + " run this on a terminal (or set " + envVariable + " in scripts)");
        }
        String generated = new Diceware(env.random()).passphrase(words);
        toShow.add(new String[] {what, generated});
        return generated.toCharArray();
    }

    /** An existing passphrase: from {@code envVariable}, else typed on the terminal. */
    char[] existing(String prompt, String envVariable) {
        String fromEnv = env.env().get(envVariable);
        if (fromEnv != null) {
            if (fromEnv.isEmpty()) {
                throw new TeamException(envVariable + " is set but empty");
            }
            return fromEnv.toCharArray();
        }
        if (env.terminal() == null) {
            throw new TeamException("a passphrase is needed but there is no terminal; set " + envVariable);
        }
        char[] typed = env.terminal().readPassword(prompt);
        if (typed == null || typed.length == 0) {
            throw new TeamException("no passphrase entered");
        }
        return typed;
    }

    /** Prints the generated passphrases once, with the instruction to write them down. */
    void showGenerated(java.io.PrintStream out) {
        if (toShow.isEmpty()) {
            return;
        }
        out.println();
        out.println("=====================================================================");
        out.println(" WRITE THESE PASSPHRASES DOWN NOW, ON PAPER. They are shown only once");
        out.println(" and are stored nowhere: without them the keys cannot be opened.");
        out.println("=====================================================================");
        for (String[] p : toShow) {
            out.println();
            out.println("  " + p[0] + ":");
            out.println("      " + p[1]);
        }
        out.println();
        out.println(" Keep the root passphrase apart from the desk (it signs team bundles).");
        out.println(" Each member keeps their own passphrase. Then clear this screen.");
        out.println("=====================================================================");
    }

    static void wipe(char[]... secrets) {
        for (char[] s : secrets) {
            if (s != null) {
                Arrays.fill(s, '\0');
            }
        }
    }
}
