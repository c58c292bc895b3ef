package nl.klachtenbalie.crypto.age.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import nl.klachtenbalie.crypto.encoding.StrictBase64;

/**
 * One recipient stanza of an age header: a type, zero or more arguments and an opaque body.
 *
 * <p>Immutable. The type and every argument are non-empty strings of printable ASCII without
 * spaces (0x21–0x7e), which is what makes the header encoding unambiguous. The format package
 * knows nothing about what a stanza means; recipient types interpret it.
 */
public final class Stanza {

    /** Bytes of body per full line: 64 base64 columns. */
    static final int BYTES_PER_LINE = 48;
    static final int COLUMNS_PER_LINE = 64;

    private final String type;
    private final List<String> args;
    private final byte[] body;

    /**
     * @throws IllegalArgumentException if the type or an argument is empty or contains a
     *     character outside 0x21–0x7e
     */
    public Stanza(String type, List<String> args, byte[] body) {
        requireValidString(type);
        List<String> copy = new ArrayList<>(args.size());
        for (String arg : args) {
            requireValidString(arg);
            copy.add(arg);
        }
        this.type = type;
        this.args = Collections.unmodifiableList(copy);
        this.body = Objects.requireNonNull(body).clone();
    }

    public String type() {
        return type;
    }

    /** The arguments after the type, unmodifiable. */
    public List<String> args() {
        return args;
    }

    /** A copy of the decoded body. */
    public byte[] body() {
        return body.clone();
    }

    /** Whether {@code s} may be a stanza type or argument. */
    public static boolean isValidString(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static void requireValidString(String s) {
        if (!isValidString(s)) {
            throw new IllegalArgumentException("stanza: invalid type or argument");
        }
    }

    /**
     * Appends the canonical encoding: the argument line, then the body in 64-column lines. The
     * last line is always shorter than 64 columns — empty if need be — because a short line is
     * what marks the end of the body.
     */
    void writeTo(ByteArrayOutputStream out) {
        StringBuilder sb = new StringBuilder("-> ").append(type);
        for (String arg : args) {
            sb.append(' ').append(arg);
        }
        sb.append('\n');
        String encoded = StrictBase64.encodeUnpadded(body);
        int pos = 0;
        while (encoded.length() - pos >= COLUMNS_PER_LINE) {
            sb.append(encoded, pos, pos + COLUMNS_PER_LINE).append('\n');
            pos += COLUMNS_PER_LINE;
        }
        sb.append(encoded, pos, encoded.length()).append('\n');
        out.writeBytes(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        // Bodies are wrapped keys; show only their size.
        return "Stanza[" + type + " " + String.join(" ", args) + ", body " + body.length + " bytes]";
    }
}
