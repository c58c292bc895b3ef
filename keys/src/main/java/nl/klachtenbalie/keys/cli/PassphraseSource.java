package nl.klachtenbalie.keys.cli;

import java.util.Arrays;

/**
 * Where passphrases come from: the environment variable {@code KB_PASSPHRASE} if it is set (for
 * scripts and tests — anything in the environment is visible to other processes of the same user,
 * so do not use it on the desk), otherwise the terminal, without echo.
 */
final class PassphraseSource {

    static final String ENV_VARIABLE = "KB_PASSPHRASE";

    private final CliEnvironment env;

    PassphraseSource(CliEnvironment env) {
        this.env = env;
    }

    /** Reads a passphrase once, for decryption. */
    char[] read(String prompt) {
        String fromEnv = env.env().get(ENV_VARIABLE);
        if (fromEnv != null) {
            if (fromEnv.isEmpty()) {
                throw new CliException(ENV_VARIABLE + " is set but empty");
            }
            return fromEnv.toCharArray();
        }
        if (env.terminal() == null) {
            throw new CliException("a passphrase is needed but there is no terminal; set " + ENV_VARIABLE);
        }
        char[] typed = env.terminal().readPassword(prompt);
        if (typed == null || typed.length == 0) {
            throw new CliException("no passphrase entered");
        }
        return typed;
    }

    /** Reads a new passphrase, asking twice on a terminal so a typo does not lock the file. */
    char[] readNew() {
        char[] first = read("Enter passphrase: ");
        if (env.env().containsKey(ENV_VARIABLE)) {
            return first;
        }
        char[] second = read("Confirm passphrase: ");
        if (!Arrays.equals(first, second)) {
            Arrays.fill(first, '\0');
            Arrays.fill(second, '\0');
            throw new CliException("passphrases didn't match");
        }
        Arrays.fill(second, '\0');
        return first;
    }
}
