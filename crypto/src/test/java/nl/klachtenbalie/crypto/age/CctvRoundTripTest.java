package nl.klachtenbalie.crypto.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.klachtenbalie.crypto.age.armor.ArmorReader;
import nl.klachtenbalie.crypto.age.armor.ArmorWriter;
import nl.klachtenbalie.crypto.age.format.Header;
import nl.klachtenbalie.crypto.age.stream.PayloadKey;
import nl.klachtenbalie.crypto.age.stream.StreamReader;
import nl.klachtenbalie.crypto.age.stream.StreamWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The round trips the cctv-age README suggests: headers of every vector that is not a header
 * (or armor) failure re-encode to the same bytes; armored success vectors re-armor to the same
 * text up to line endings and surrounding white space; success payloads re-encrypt, with the
 * vector's file key and nonce, to the same ciphertext. Hybrid vectors are included: these layers
 * contain no recipient-specific code.
 */
class CctvRoundTripTest {

    private static List<CctvVector> vectors;

    @BeforeAll
    static void load() {
        vectors = CctvVector.loadAll();
    }

    @Test
    void headersReencodeIdentically() throws IOException {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (CctvVector v : vectors) {
            if (v.expect().equals(CctvVector.HEADER_FAILURE) || v.expect().equals(CctvVector.ARMOR_FAILURE)) {
                continue;
            }
            checked++;
            byte[] file = v.armored() ? dearmor(v.file()) : v.file();
            try {
                Header.ParsedHeader parsed = Header.parse(new ByteArrayInputStream(file));
                byte[] encoded = parsed.header().encode();
                int rest = parsed.payload().readAllBytes().length;
                if (!Arrays.equals(encoded, Arrays.copyOf(file, encoded.length)) || encoded.length + rest != file.length) {
                    failures.add(v.name());
                }
            } catch (IOException | RuntimeException e) {
                failures.add(v.name() + ": " + e);
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(checked >= 50, "only " + checked + " headers checked");
    }

    @Test
    void armoredSuccessVectorsRearmorIdentically() throws IOException {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (CctvVector v : vectors) {
            if (!v.armored() || !v.expect().equals(CctvVector.SUCCESS)) {
                continue;
            }
            checked++;
            ByteArrayOutputStream rearmored = new ByteArrayOutputStream();
            try (OutputStream w = new ArmorWriter(rearmored)) {
                w.write(dearmor(v.file()));
            }
            String expected = new String(v.file(), StandardCharsets.US_ASCII).replace("\r\n", "\n").strip() + "\n";
            if (!expected.equals(rearmored.toString(StandardCharsets.US_ASCII))) {
                failures.add(v.name());
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(checked >= 5, "only " + checked + " armored vectors checked");
    }

    @Test
    void successPayloadsReencryptIdentically() throws IOException {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (CctvVector v : vectors) {
            if (!v.expect().equals(CctvVector.SUCCESS)) {
                continue;
            }
            checked++;
            byte[] file = v.armored() ? dearmor(v.file()) : v.file();
            Header.ParsedHeader parsed = Header.parse(new ByteArrayInputStream(file));
            byte[] payload = parsed.payload().readAllBytes();
            byte[] nonce = Arrays.copyOf(payload, PayloadKey.NONCE_SIZE);
            byte[] ciphertext = Arrays.copyOfRange(payload, PayloadKey.NONCE_SIZE, payload.length);
            byte[] key = PayloadKey.derive(v.fileKey(), nonce);
            byte[] plaintext;
            try (InputStream r = new StreamReader(key, new ByteArrayInputStream(ciphertext))) {
                plaintext = r.readAllBytes();
            }
            ByteArrayOutputStream reencrypted = new ByteArrayOutputStream();
            try (OutputStream w = new StreamWriter(key, reencrypted)) {
                w.write(plaintext);
            }
            if (!Arrays.equals(ciphertext, reencrypted.toByteArray())) {
                failures.add(v.name());
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(checked >= 20, "only " + checked + " payloads checked");
    }

    private static byte[] dearmor(byte[] armored) throws IOException {
        try (InputStream in = new ArmorReader(new ByteArrayInputStream(armored))) {
            return in.readAllBytes();
        }
    }
}
