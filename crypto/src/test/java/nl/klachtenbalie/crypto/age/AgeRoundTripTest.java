package nl.klachtenbalie.crypto.age;

import static nl.klachtenbalie.crypto.age.TestFiles.CHUNK;
import static nl.klachtenbalie.crypto.age.TestFiles.RANDOM;
import static nl.klachtenbalie.crypto.age.TestFiles.decrypt;
import static nl.klachtenbalie.crypto.age.TestFiles.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.klachtenbalie.crypto.age.format.Header;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Encrypt then decrypt at every chunk boundary, binary and armored, with several recipients. */
class AgeRoundTripTest {

    private static final int[] SIZES = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 500, 10 * 1024 * 1024};

    private final AgeEncrypter encrypter = new AgeEncrypter(RANDOM);
    private final X25519Identity alice = X25519Identity.generate(RANDOM);
    private final X25519Identity bob = X25519Identity.generate(RANDOM);
    private final X25519Identity carol = X25519Identity.generate(RANDOM);
    private final List<X25519Recipient> all = List.of(alice.recipient(), bob.recipient(), carol.recipient());

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyBoundarySizeRoundTripsForEveryRecipient(boolean armored) throws IOException {
        for (int size : SIZES) {
            byte[] plaintext = randomBytes(size);
            byte[] file = armored ? encrypter.encryptArmored(plaintext, all) : encrypter.encrypt(plaintext, all);
            for (X25519Identity id : List.of(alice, bob, carol)) {
                assertArrayEquals(plaintext, decrypt(file, armored, List.of(id), 8192), "size " + size);
            }
            if (!armored) {
                assertEquals(expectedBinaryLength(file, size), file.length, "size " + size);
            }
        }
    }

    /** Header, 16-byte nonce, and a 16-byte tag per chunk; an empty payload still has one chunk. */
    private static long expectedBinaryLength(byte[] file, int size) throws IOException {
        int headerLength = Header.parse(new ByteArrayInputStream(file)).header().encode().length;
        long chunks = Math.max(1, (size + (long) CHUNK - 1) / CHUNK);
        return headerLength + 16L + size + 16L * chunks;
    }

    @Test
    void oddReadAndWriteSizesDoNotMatter() throws IOException {
        byte[] plaintext = randomBytes(2 * CHUNK + 500);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream w = encrypter.encrypt(sink, List.of(alice.recipient()))) {
            int pos = 0;
            int step = 1;
            while (pos < plaintext.length) {
                int n = Math.min(step, plaintext.length - pos);
                if (n == 1) {
                    w.write(plaintext[pos]);
                } else {
                    w.write(plaintext, pos, n);
                }
                pos += n;
                step = step * 3 + 1;
            }
        }
        for (int readSize : new int[] {1, 7, CHUNK - 1, CHUNK + 1, 3 * CHUNK}) {
            assertArrayEquals(plaintext, decrypt(sink.toByteArray(), false, List.of(alice), readSize));
        }
    }

    @Test
    void armoredOutputIsStrictAscii() {
        byte[] file = encrypter.encryptArmored(randomBytes(1000), List.of(alice.recipient()));
        String text = new String(file, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n"));
        assertTrue(text.endsWith("\n-----END AGE ENCRYPTED FILE-----\n"));
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length - 2; i++) {
            assertEquals(64, lines[i].length(), "line " + i);
        }
        assertTrue(lines[lines.length - 2].length() <= 64);
    }

    @Test
    void detectingArmorReadsBothForms() throws IOException {
        byte[] plaintext = randomBytes(100);
        AgeDecrypter d = new AgeDecrypter();
        for (byte[] file : List.of(encrypter.encrypt(plaintext, List.of(bob.recipient())),
                encrypter.encryptArmored(plaintext, List.of(bob.recipient())))) {
            try (InputStream p = d.decryptDetectingArmor(new ByteArrayInputStream(file), List.of(bob))) {
                assertArrayEquals(plaintext, p.readAllBytes());
            }
        }
    }

    @Test
    void identitiesAreTriedInOrderAndStrangersDoNotMatch() throws IOException {
        byte[] plaintext = randomBytes(10);
        byte[] file = encrypter.encrypt(plaintext, List.of(bob.recipient()));
        X25519Identity stranger = X25519Identity.generate(RANDOM);
        assertArrayEquals(plaintext, decrypt(file, false, List.of(stranger, bob), 10));
        AgeException e = assertThrows(AgeException.class, () -> decrypt(file, false, List.of(stranger, alice), 10));
        assertEquals(AgeException.Kind.NO_MATCH, e.kind());
    }

    @Test
    void sameRecipientTwiceIsAllowedAndEachFileIsFresh() {
        byte[] plaintext = randomBytes(10);
        byte[] one = encrypter.encrypt(plaintext, List.of(alice.recipient(), alice.recipient()));
        byte[] two = encrypter.encrypt(plaintext, List.of(alice.recipient(), alice.recipient()));
        assertTrue(!java.util.Arrays.equals(one, two), "file key, ephemeral keys and nonce must be fresh");
    }

    @Test
    void misuseIsRejectedBeforeAnythingIsWritten() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        assertThrows(IllegalArgumentException.class, () -> encrypter.encrypt(sink, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new AgeDecrypter().decrypt(new byte[0], List.of()));
        assertEquals(0, sink.size());
    }
}
