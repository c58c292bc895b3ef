package nl.klachtenbalie.crypto.age.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.klachtenbalie.crypto.age.AgeException;
import nl.klachtenbalie.crypto.encoding.StrictBase64;

/**
 * Strict parser for the age v1 header.
 *
 * <p>Only the canonical encoding is accepted, so that re-encoding a parsed header gives back the
 * bytes that were read and the MAC means the same thing to every implementation: the exact
 * version line; LF line endings (a CR anywhere is an error); arguments of printable ASCII separated
 * by single spaces; bodies in canonical unpadded base64, 64 columns per line, ended by the first
 * line shorter than 64 columns; a MAC line of exactly {@code ---}, one space and a 32-byte MAC.
 *
 * <p>Work is bounded: at most {@link #MAX_HEADER_BYTES} bytes and {@link #MAX_STANZAS} stanzas
 * are read, far beyond what any team file needs, so a hostile header cannot make a reader
 * allocate or unwrap without end.
 */
final class HeaderParser {

    /** Upper bound on the header size in bytes. */
    static final int MAX_HEADER_BYTES = 1 << 20;
    /** Upper bound on the number of stanzas. */
    static final int MAX_STANZAS = 1024;

    private static final byte[] VERSION = Header.VERSION_LINE.getBytes(StandardCharsets.US_ASCII);

    private final LineReader lines;

    HeaderParser(InputStream in) {
        this.lines = new LineReader(in, MAX_HEADER_BYTES);
    }

    Header.ParsedHeader parse() throws IOException {
        if (!Arrays.equals(lines.readLine(), VERSION)) {
            throw error("unsupported version or malformed version line");
        }
        List<Stanza> stanzas = new ArrayList<>();
        while (true) {
            byte[] line = lines.readLine();
            if (startsWith(line, "---")) {
                byte[] mac = parseMacLine(line);
                if (stanzas.isEmpty()) {
                    throw error("no recipient stanzas");
                }
                return new Header.ParsedHeader(Header.parsed(stanzas, mac), lines.remaining());
            } else if (startsWith(line, "->")) {
                if (stanzas.size() == MAX_STANZAS) {
                    throw error("more than " + MAX_STANZAS + " stanzas");
                }
                stanzas.add(parseStanza(line));
            } else {
                throw error("unexpected line");
            }
        }
    }

    private static byte[] parseMacLine(byte[] line) throws AgeException {
        String[] parts = split(line);
        if (parts == null || parts.length != 2 || !parts[0].equals("---")) {
            throw error("malformed MAC line");
        }
        byte[] mac;
        try {
            mac = StrictBase64.decodeUnpadded(parts[1]);
        } catch (IllegalArgumentException e) {
            throw error("malformed MAC line: invalid base64");
        }
        if (mac.length != Header.MAC_SIZE) {
            throw error("malformed MAC line: wrong MAC length");
        }
        return mac;
    }

    private Stanza parseStanza(byte[] line) throws IOException {
        String[] parts = split(line);
        if (parts == null || parts.length < 2 || !parts[0].equals("->")) {
            throw error("malformed stanza line");
        }
        for (int i = 1; i < parts.length; i++) {
            if (!Stanza.isValidString(parts[i])) {
                throw error("malformed stanza line: invalid argument");
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            byte[] bodyLine = lines.readLine();
            if (bodyLine.length > Stanza.COLUMNS_PER_LINE) {
                throw error("malformed stanza body: line longer than 64 columns");
            }
            byte[] chunk;
            try {
                chunk = StrictBase64.decodeUnpadded(bodyLine, 0, bodyLine.length);
            } catch (IllegalArgumentException e) {
                throw error("malformed stanza body: invalid base64");
            }
            body.writeBytes(chunk);
            // A full line promises more; the first short line, possibly empty, ends the body.
            if (chunk.length < Stanza.BYTES_PER_LINE) {
                break;
            }
        }
        List<String> args = Arrays.asList(parts).subList(2, parts.length);
        return new Stanza(parts[1], args, body.toByteArray());
    }

    /** Splits on single spaces, keeping empty fields so doubled or trailing spaces are caught. */
    private static String[] split(byte[] line) {
        for (byte b : line) {
            // Only printable ASCII and the separating space may appear on these lines.
            if (b < 0x20 || b > 0x7e) {
                return null;
            }
        }
        return new String(line, StandardCharsets.US_ASCII).split(" ", -1);
    }

    private static boolean startsWith(byte[] line, String prefix) {
        if (line.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static AgeException error(String what) {
        return new AgeException(AgeException.Kind.HEADER, "invalid header: " + what);
    }
}
