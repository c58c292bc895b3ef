package nl.klachtenbalie.crypto.age;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;
import org.bouncycastle.util.encoders.Hex;

/**
 * One cctv-age test vector: a {@code key: value} header, an empty line, then the age file,
 * possibly zlib-compressed (format described in the cctv-age README).
 */
record CctvVector(String name, String expect, byte[] payloadHash, List<String> identities,
                  List<String> passphrases, boolean armored, byte[] fileKey, byte[] file) {

    static final String SUCCESS = "success";
    static final String NO_MATCH = "no match";
    static final String HMAC_FAILURE = "HMAC failure";
    static final String HEADER_FAILURE = "header failure";
    static final String PAYLOAD_FAILURE = "payload failure";
    static final String ARMOR_FAILURE = "armor failure";

    /** Every vector in the directory the build exported them to. */
    static List<CctvVector> loadAll() {
        String dir = System.getProperty("cctv.dir");
        if (dir == null) {
            throw new IllegalStateException("system property cctv.dir is not set; run the tests through Maven");
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            List<CctvVector> vectors = new ArrayList<>();
            for (Path p : files.sorted().toList()) {
                vectors.add(parse(p.getFileName().toString(), Files.readAllBytes(p)));
            }
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cctv-age vectors in " + dir, e);
        }
    }

    static CctvVector parse(String name, byte[] raw) throws IOException {
        String expect = null;
        byte[] payload = null;
        byte[] fileKey = null;
        boolean armored = false;
        boolean compressed = false;
        List<String> identities = new ArrayList<>();
        List<String> passphrases = new ArrayList<>();
        int pos = 0;
        while (true) {
            int eol = indexOf(raw, pos);
            if (eol < 0) {
                throw new IOException(name + ": no empty line after the vector header");
            }
            String line = new String(raw, pos, eol - pos, StandardCharsets.UTF_8);
            pos = eol + 1;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(": ");
            if (colon < 0) {
                throw new IOException(name + ": malformed vector header line");
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 2);
            switch (key) {
                case "expect" -> expect = value;
                case "payload" -> payload = Hex.decode(value);
                case "file key" -> fileKey = Hex.decode(value);
                case "identity" -> identities.add(value);
                case "passphrase" -> passphrases.add(value);
                case "armored" -> armored = value.equals("yes");
                case "compressed" -> {
                    if (!value.equals("zlib")) {
                        throw new IOException(name + ": unknown compression " + value);
                    }
                    compressed = true;
                }
                case "comment" -> { }
                default -> throw new IOException(name + ": unknown vector key " + key);
            }
        }
        byte[] file = Arrays.copyOfRange(raw, pos, raw.length);
        if (compressed) {
            try (InputStream z = new InflaterInputStream(new ByteArrayInputStream(file))) {
                file = z.readAllBytes();
            }
        }
        if (expect == null) {
            throw new IOException(name + ": no expect key");
        }
        return new CctvVector(name, expect, payload, List.copyOf(identities), List.copyOf(passphrases),
                armored, fileKey, file);
    }

    private static int indexOf(byte[] raw, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Whether the vector needs the hybrid post-quantum type (identity or stanza). */
    boolean isHybrid() {
        if (identities.stream().anyMatch(i -> i.startsWith("AGE-SECRET-KEY-PQ-"))) {
            return true;
        }
        byte[] ageFile = file;
        if (armored) {
            try (InputStream in = new nl.klachtenbalie.crypto.age.armor.ArmorReader(new ByteArrayInputStream(file))) {
                ageFile = in.readAllBytes();
            } catch (IOException e) {
                ageFile = file;
            }
        }
        return new String(ageFile, StandardCharsets.ISO_8859_1).contains("\n-> mlkem768x25519 ");
    }

    @Override
    public String toString() {
        return name;
    }
}
