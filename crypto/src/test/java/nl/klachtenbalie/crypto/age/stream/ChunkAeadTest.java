package nl.klachtenbalie.crypto.age.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * The JDK cipher used for payload chunks must produce byte for byte what Bouncy Castle's
 * RFC 8439 implementation produces (and what the age vectors expect), and refuse any change.
 */
class ChunkAeadTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void sealsExactlyAsBouncyCastleDoesForEveryChunkLength() throws Exception {
        int[] lengths = {0, 1, 15, 16, 17, 63, 64, 65, 1000, 4096, StreamReader.CHUNK_SIZE - 1, StreamReader.CHUNK_SIZE};
        for (int len : lengths) {
            byte[] key = bytes(32);
            byte[] nonce = bytes(12);
            byte[] plain = bytes(len);

            byte[] jdk = new byte[len + ChunkAead.TAG_SIZE];
            int n = new ChunkAead(key).seal(nonce, plain, len, jdk);
            assertEquals(len + 16, n);
            assertArrayEquals(bouncyCastleSeal(key, nonce, plain), jdk, "length " + len);

            byte[] opened = new byte[len];
            assertEquals(len, new ChunkAead(key).open(nonce, jdk, n, opened));
            assertArrayEquals(plain, opened);
        }
    }

    @Test
    void refusesAnyFlippedBitWrongNonceOrWrongKey() {
        byte[] key = bytes(32);
        byte[] nonce = bytes(12);
        byte[] plain = bytes(300);
        ChunkAead aead = new ChunkAead(key);
        byte[] sealed = new byte[316];
        aead.seal(nonce, plain, plain.length, sealed);
        byte[] out = new byte[300];
        for (int bit = 0; bit < sealed.length * 8; bit += 37) {
            byte[] bad = sealed.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertEquals(-1, aead.open(nonce, bad, bad.length, out), "bit " + bit);
        }
        byte[] otherNonce = nonce.clone();
        otherNonce[11] ^= 1;
        assertEquals(-1, aead.open(otherNonce, sealed, sealed.length, out));
        assertEquals(-1, new ChunkAead(bytes(32)).open(nonce, sealed, sealed.length, out));
        assertEquals(-1, aead.open(nonce, sealed, 15, out), "shorter than a tag");
        assertEquals(300, aead.open(nonce, sealed, sealed.length, out), "the original still opens");
        assertArrayEquals(plain, out);
    }

    private static byte[] bouncyCastleSeal(byte[] key, byte[] nonce, byte[] plain) throws Exception {
        ChaCha20Poly1305 bc = new ChaCha20Poly1305();
        bc.init(true, new AEADParameters(new KeyParameter(key), 128, nonce));
        byte[] out = new byte[plain.length + 16];
        int n = bc.processBytes(plain, 0, plain.length, out, 0);
        n += bc.doFinal(out, n);
        return Arrays.copyOf(out, n);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
