package nl.klachtenbalie.server.config;

import java.util.List;

/** The configuration is unusable; the message lists every problem, one per line, naming the key. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(List<String> problems) {
        super("invalid configuration:\n  - " + String.join("\n  - ", problems));
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }
}
