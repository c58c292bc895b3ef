package nl.klachtenbalie.crypto.age.armor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import nl.klachtenbalie.crypto.encoding.StrictBase64;

/**
 * Writes the age armor: the BEGIN line, the data as padded base64 in 64-column lines with LF
 * endings, and the END line. {@link #close()} writes the last line and the END line, then closes
 * the underlying stream.
 */
public final class ArmorWriter extends OutputStream {

    private final OutputStream out;
    private final byte[] group = new byte[Armor.BYTES_PER_LINE];
    private int buffered;
    private boolean started;
    private boolean closed;

    public ArmorWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("write to closed armor stream");
        }
        Objects.checkFromIndexSize(off, len, b.length);
        start();
        while (len > 0) {
            int n = Math.min(len, group.length - buffered);
            System.arraycopy(b, off, group, buffered, n);
            buffered += n;
            off += n;
            len -= n;
            if (buffered == group.length) {
                writeLine();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            start();
            if (buffered > 0) {
                writeLine();
            }
            out.write((Armor.END + "\n").getBytes(StandardCharsets.US_ASCII));
        } finally {
            out.close();
        }
    }

    private void start() throws IOException {
        if (!started) {
            started = true;
            out.write((Armor.BEGIN + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private void writeLine() throws IOException {
        byte[] data = buffered == group.length ? group : Arrays.copyOf(group, buffered);
        out.write((StrictBase64.encodePadded(data) + "\n").getBytes(StandardCharsets.US_ASCII));
        buffered = 0;
    }
}
