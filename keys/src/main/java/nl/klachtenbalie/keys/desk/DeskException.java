package nl.klachtenbalie.keys.desk;

import java.util.List;

/**
 * A failure the person at the desk must read: {@link #key()} names a message in the desk's
 * catalog and {@link #args()} fills it. Arguments are file names, counts and ids — never
 * decrypted content. {@link #getMessage()} is the key and arguments, for logs and tests.
 */
public class DeskException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final transient List<Object> args;

    public DeskException(String key, Object... args) {
        super(key + (args.length == 0 ? "" : " " + List.of(args)));
        this.key = key;
        this.args = List.of(args);
    }

    public String key() {
        return key;
    }

    public List<Object> args() {
        return args;
    }
}
