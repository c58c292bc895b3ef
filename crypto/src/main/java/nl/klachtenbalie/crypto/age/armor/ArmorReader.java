package nl.klachtenbalie.crypto.age.armor;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import nl.klachtenbalie.crypto.age.AgeException;
import nl.klachtenbalie.crypto.encoding.StrictBase64;

/**
 * Strict reader for the age armor, decoding one line at a time so that armored payloads stream.
 *
 * <p>Accepted: up to 1 KiB of white space before the BEGIN line and after the END line; LF or
 * CRLF line endings; no line ending after the END line. Everything else is an
 * {@link AgeException} of kind {@code ARMOR}: other text around the armor, PEM headers or
 * checksums, white space inside lines, empty lines, lines over 64 columns, a short line that is
 * not the last, missing or non-canonical padding, a missing END line. One spelling per file keeps
 * this reader in step with every other age implementation.
 *
 * <p>Failures are sticky; the exception may surface on any {@code read}, after earlier data was
 * returned.
 */
public final class ArmorReader extends InputStream {

    private static final byte[] BEGIN = Armor.BEGIN.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = Armor.END.getBytes(StandardCharsets.US_ASCII);
    /** Longer than any valid line, so overlong lines are rejected without buffering them whole. */
    private static final int MAX_LINE = Armor.MAX_WHITESPACE + 2;

    private final InputStream in;
    private byte[] unread = new byte[0];
    private int unreadPos;
    private boolean started;
    private boolean finished;
    private AgeException failure;

    public ArmorReader(InputStream in) {
        // Lines are read byte by byte; the buffer may read ahead freely because nothing but
        // white space may follow the armor.
        this.in = new BufferedInputStream(Objects.requireNonNull(in));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        while (unreadPos == unread.length) {
            if (failure != null) {
                throw failure;
            }
            if (finished) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            try {
                decodeNextLine();
            } catch (AgeException e) {
                failure = e;
                // Data decoded before the failure is dropped: the armor as a whole is invalid.
                unread = new byte[0];
                unreadPos = 0;
                throw e;
            }
        }
        int n = Math.min(len, unread.length - unreadPos);
        System.arraycopy(unread, unreadPos, b, off, n);
        unreadPos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void decodeNextLine() throws IOException {
        if (!started) {
            skipLeadingWhitespaceAndBegin();
            started = true;
        }
        byte[] line = readLine();
        if (Arrays.equals(line, END)) {
            drainTrailingWhitespace();
            return;
        }
        if (line.length == 0) {
            throw error("empty line");
        }
        if (line.length > Armor.COLUMNS_PER_LINE) {
            throw error("line longer than 64 columns");
        }
        byte[] data;
        try {
            data = StrictBase64.decodePadded(new String(line, StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            throw error("invalid base64");
        }
        if (data.length < Armor.BYTES_PER_LINE) {
            // Only the last line may be short, so the END line must follow it.
            if (!Arrays.equals(readLine(), END)) {
                throw error("short line is not followed by the END line");
            }
            drainTrailingWhitespace();
        }
        unread = data;
        unreadPos = 0;
    }

    private void skipLeadingWhitespaceAndBegin() throws IOException {
        int skipped = 0;
        while (true) {
            byte[] line = readLine();
            if (isBlank(line)) {
                skipped += line.length + 1;
                if (skipped > Armor.MAX_WHITESPACE) {
                    throw error("too much leading white space");
                }
                continue;
            }
            if (!Arrays.equals(line, BEGIN)) {
                throw error("missing BEGIN line");
            }
            return;
        }
    }

    private void drainTrailingWhitespace() throws IOException {
        byte[] rest = in.readNBytes(Armor.MAX_WHITESPACE);
        if (!isBlank(rest)) {
            throw error("data after the END line");
        }
        if (rest.length == Armor.MAX_WHITESPACE) {
            throw error("too much trailing white space");
        }
        finished = true;
    }

    /** Reads a line without its LF and one preceding CR; the last line may lack the LF. */
    private byte[] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(Armor.COLUMNS_PER_LINE + 2);
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.size() == MAX_LINE) {
                throw error("line too long");
            }
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            throw error("unexpected end of file");
        }
        byte[] bytes = line.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            return Arrays.copyOf(bytes, bytes.length - 1);
        }
        return bytes;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Armor.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private static AgeException error(String what) {
        return new AgeException(AgeException.Kind.ARMOR, "invalid armor: " + what);
    }
}
