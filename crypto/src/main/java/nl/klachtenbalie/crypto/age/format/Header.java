package nl.klachtenbalie.crypto.age.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import nl.klachtenbalie.crypto.age.AgeException;
import nl.klachtenbalie.crypto.encoding.StrictBase64;

/**
 * An age v1 header: the version line, the recipient stanzas and the header MAC.
 *
 * <p>Immutable. This class parses and encodes only; it computes no MAC. The caller MACs the bytes
 * of {@link #encodeWithoutMac()} — everything up to and including {@code ---} — which equal the
 * bytes that were read, because parsing accepts only the canonical encoding (see
 * {@link HeaderParser}).
 */
public final class Header {

    /** The exact first line of every age v1 file, without its line feed. */
    public static final String VERSION_LINE = "age-encryption.org/v1";
    /** Length of the header MAC (HMAC-SHA-256). */
    public static final int MAC_SIZE = 32;

    private final List<Stanza> stanzas;
    private final byte[] mac;

    private Header(List<Stanza> stanzas, byte[] mac) {
        this.stanzas = List.copyOf(stanzas);
        this.mac = mac;
    }

    /** A header still to be authenticated, as built by an encrypter before it knows the MAC. */
    public static Header withoutMac(List<Stanza> stanzas) {
        if (stanzas.isEmpty()) {
            throw new IllegalArgumentException("header: at least one stanza is required");
        }
        return new Header(stanzas, null);
    }

    /** This header with {@code mac} attached. */
    public Header withMac(byte[] mac) {
        if (mac.length != MAC_SIZE) {
            throw new IllegalArgumentException("header: MAC must be 32 bytes");
        }
        return new Header(stanzas, mac.clone());
    }

    /**
     * Reads a header from {@code in}, consuming exactly its bytes. See {@link HeaderParser} for
     * the rules and limits.
     *
     * @throws AgeException of kind {@code HEADER} if the header is malformed or too large
     * @throws IOException if {@code in} fails
     */
    public static ParsedHeader parse(InputStream in) throws IOException {
        return new HeaderParser(in).parse();
    }

    /** The stanzas in file order, unmodifiable. */
    public List<Stanza> stanzas() {
        return stanzas;
    }

    /** A copy of the MAC. */
    public byte[] mac() {
        if (mac == null) {
            throw new IllegalStateException("header: no MAC yet");
        }
        return mac.clone();
    }

    /** The bytes the header MAC covers: version line, stanzas and the bare {@code ---}. */
    public byte[] encodeWithoutMac() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((VERSION_LINE + "\n").getBytes(StandardCharsets.US_ASCII));
        for (Stanza stanza : stanzas) {
            stanza.writeTo(out);
        }
        out.writeBytes("---".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The complete header, ending with the MAC line and its line feed. */
    public byte[] encode() {
        byte[] mac = mac();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(encodeWithoutMac());
        out.writeBytes((" " + StrictBase64.encodeUnpadded(mac) + "\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "Header" + stanzas;
    }

    /** A parsed header and the stream positioned at the first payload byte. */
    public record ParsedHeader(Header header, InputStream payload) {
        public ParsedHeader {
            Objects.requireNonNull(header);
            Objects.requireNonNull(payload);
        }
    }

    static Header parsed(List<Stanza> stanzas, byte[] mac) {
        return new Header(stanzas, mac);
    }
}
