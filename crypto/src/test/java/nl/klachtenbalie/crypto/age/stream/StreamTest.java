package nl.klachtenbalie.crypto.age.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import nl.klachtenbalie.crypto.age.AgeException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** STREAM edge cases that need hand-built ciphertexts or a positioned counter. */
class StreamTest {

    private static final int CHUNK = StreamReader.CHUNK_SIZE;
    private final SecureRandom random = new SecureRandom();
    private final byte[] key = randomBytes(32);

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private byte[] encrypt(byte[] plaintext) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream w = new StreamWriter(key, out)) {
            w.write(plaintext);
        }
        return out.toByteArray();
    }

    /** One chunk sealed by hand: counter value, last flag. */
    private byte[] seal(long counter, boolean last, byte[] plaintext) throws Exception {
        byte[] nonce = new byte[12];
        for (int i = 0; i < 8; i++) {
            nonce[10 - i] = (byte) (counter >>> (8 * i));
        }
        nonce[11] = (byte) (last ? 1 : 0);
        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        aead.init(true, new AEADParameters(new KeyParameter(key), 128, nonce));
        byte[] out = new byte[plaintext.length + 16];
        int n = aead.processBytes(plaintext, 0, plaintext.length, out, 0);
        aead.doFinal(out, n);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private AgeException readFails(byte[] ciphertext, int expectReleased) {
        StreamReader r = new StreamReader(key, new ByteArrayInputStream(ciphertext));
        ByteArrayOutputStream released = new ByteArrayOutputStream();
        AgeException e = assertThrows(AgeException.class, () -> r.transferTo(released));
        assertEquals(AgeException.Kind.PAYLOAD, e.kind());
        assertEquals(expectReleased, released.size());
        // Sticky: reading again fails the same way.
        assertSame(e, assertThrows(AgeException.class, () -> r.read(new byte[10])));
        return e;
    }

    @Test
    void matchesHandSealedChunks() throws Exception {
        byte[] plaintext = randomBytes(CHUNK + 10);
        byte[] expected = concat(seal(0, false, Arrays.copyOf(plaintext, CHUNK)),
                seal(1, true, Arrays.copyOfRange(plaintext, CHUNK, plaintext.length)));
        assertArrayEquals(expected, encrypt(plaintext));
    }

    @Test
    void emptyPayloadIsOneEmptyFinalChunk() throws Exception {
        assertArrayEquals(seal(0, true, new byte[0]), encrypt(new byte[0]));
        assertEquals(-1, new StreamReader(key, new ByteArrayInputStream(seal(0, true, new byte[0]))).read());
    }

    @Test
    void fullFinalChunkIsAccepted() throws Exception {
        byte[] plaintext = randomBytes(CHUNK);
        byte[] sealed = seal(0, true, plaintext);
        assertArrayEquals(sealed, encrypt(plaintext));
        assertArrayEquals(plaintext, new StreamReader(key, new ByteArrayInputStream(sealed)).readAllBytes());
    }

    @Test
    void emptyFinalChunkAfterDataIsRejected() throws Exception {
        byte[] full = randomBytes(CHUNK);
        readFails(concat(seal(0, false, full), seal(1, true, new byte[0])), CHUNK);
    }

    @Test
    void missingFinalChunkIsRejected() throws Exception {
        readFails(seal(0, false, randomBytes(CHUNK)), CHUNK);
        readFails(new byte[0], 0);
        // A short chunk without the last flag is not a final chunk.
        readFails(seal(0, false, randomBytes(10)), 0);
    }

    @Test
    void dataAfterFinalChunkIsRejectedAfterReleasingIt() throws Exception {
        byte[] last = seal(0, true, randomBytes(CHUNK));
        AgeException e = readFails(concat(last, new byte[1]), CHUNK);
        assertTrue(e.getMessage().contains("trailing"));
        readFails(concat(seal(0, true, randomBytes(100)), seal(1, true, randomBytes(100))), 0);
    }

    @Test
    void shortChunkIsRejected() {
        readFails(new byte[15], 0);
    }

    @Test
    void counterOverflowIsRejected() throws Exception {
        ChunkNonce nonce = new ChunkNonce();
        nonce.setCounterToMaximum();
        assertFalse(nonce.isFirstChunk());
        // The chunk at the maximum counter decrypts, but the counter cannot advance past it.
        byte[] maxNonce = nonce.bytes().clone();
        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        aead.init(true, new AEADParameters(new KeyParameter(key), 128, maxNonce));
        byte[] sealed = new byte[CHUNK + 16];
        int n = aead.processBytes(randomBytes(CHUNK), 0, CHUNK, sealed, 0);
        aead.doFinal(sealed, n);
        byte[] twoChunks = concat(sealed, seal(0, true, new byte[1]));
        StreamReader r = new StreamReader(key, new ByteArrayInputStream(twoChunks), nonce);
        AgeException e = assertThrows(AgeException.class, () -> r.readAllBytes());
        assertTrue(e.getMessage().contains("counter"));
    }

    @Test
    void nonceIncrementCarries() {
        ChunkNonce nonce = new ChunkNonce();
        for (int i = 0; i < 256; i++) {
            assertTrue(nonce.increment());
        }
        assertEquals(1, nonce.bytes()[9]);
        assertEquals(0, nonce.bytes()[10]);
        assertEquals(0, nonce.bytes()[11]);
    }

    @Test
    void closedWriterRefusesWrites() throws IOException {
        StreamWriter w = new StreamWriter(key, new ByteArrayOutputStream());
        w.close();
        w.close();
        assertThrows(IOException.class, () -> w.write(1));
    }

    @Test
    void sourceExceptionsPassThroughUnchanged() {
        IOException disk = new IOException("disk on fire");
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw disk;
            }
        };
        StreamReader r = new StreamReader(key, failing);
        assertSame(disk, assertThrows(IOException.class, () -> r.read()));
    }
}
