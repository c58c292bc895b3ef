package nl.klachtenbalie.crypto.age.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import nl.klachtenbalie.crypto.age.AgeException;

/**
 * Reads LF-terminated lines with a budget on the total bytes read, then hands back the rest of
 * the stream untouched. The budget is what bounds the work a hostile header can cause.
 */
final class LineReader {

    private final InputStream in;
    private final long budget;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;
    private long consumed;

    LineReader(InputStream in, long budget) {
        this.in = in;
        this.budget = budget;
    }

    /**
     * The next line without its {@code \n}. A line that ends at end of input without a line
     * feed is a truncated header, not a line.
     */
    byte[] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (pos == limit && !fill()) {
                throw new AgeException(AgeException.Kind.HEADER, "invalid header: unexpected end of file");
            }
            int start = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            boolean found = pos < limit;
            int end = pos;
            if (found) {
                pos++;
            }
            consumed += pos - start;
            if (consumed > budget) {
                throw new AgeException(AgeException.Kind.HEADER, "invalid header: longer than " + budget + " bytes");
            }
            line.write(buf, start, end - start);
            if (found) {
                return line.toByteArray();
            }
        }
    }

    /** The unread bytes: what was buffered beyond the last line, then the source stream. */
    InputStream remaining() {
        byte[] rest = Arrays.copyOfRange(buf, pos, limit);
        pos = limit;
        return rest.length == 0 ? in : new SequenceInputStream(new ByteArrayInputStream(rest), in);
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
