package nl.klachtenbalie.crypto.age.stream;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ChaCha20-Poly1305 (RFC 8439) for the STREAM payload chunks, from the JDK's own provider.
 *
 * <p>Why not Bouncy Castle here, as everywhere else in this module: the payload is the only place
 * where the AEAD runs over megabytes, and Bouncy Castle's pure-Java ChaCha20 and Poly1305 decrypt
 * at about 30 MiB/s, while the JDK's SunJCE cipher is several times faster and intrinsified on
 * JDK 19 and later (docs/benchmarks.md §2). It is the same RFC 8439 construction, checked here by
 * the RFC's test vector and by every payload vector of the age test suite. Header stanzas and
 * HPKE keep Bouncy Castle: they are a few dozen bytes each.
 */
final class ChunkAead {

    static final int TAG_SIZE = 16;
    private static final String ALGORITHM = "ChaCha20-Poly1305";

    private final SecretKeySpec key;

    /** @param key 32 bytes; copied by the key spec */
    ChunkAead(byte[] key) {
        this.key = new SecretKeySpec(key, "ChaCha20");
        cipher();
    }

    /**
     * A fresh cipher per chunk: the JDK's refuses to be initialised twice in a row with the same key
     * and nonce (a guard against nonce reuse when encrypting), which a reader retrying a chunk may
     * legitimately do. The lookup costs microseconds against a 64 KiB chunk.
     */
    private static Cipher cipher() {
        try {
            return Cipher.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            // Every JDK since 11 ships it; a runtime without it cannot run this software at all.
            throw new IllegalStateException("this Java runtime has no " + ALGORITHM + " cipher", e);
        }
    }

    /** Seals {@code in[0..len)} into {@code out}; returns the sealed length ({@code len + 16}). */
    int seal(byte[] nonce, byte[] in, int len, byte[] out) {
        try {
            Cipher cipher = cipher();
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
            return cipher.doFinal(in, 0, len, out, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " failed to encrypt", e);
        }
    }

    /**
     * Opens {@code in[0..len)} into {@code out}; returns the plaintext length, or -1 when the tag
     * does not authenticate (then nothing of the chunk is in {@code out}: the JDK cipher releases
     * plaintext only after the tag checked).
     */
    int open(byte[] nonce, byte[] in, int len, byte[] out) {
        try {
            Cipher cipher = cipher();
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce));
            return cipher.doFinal(in, 0, len, out, 0);
        } catch (AEADBadTagException e) {
            return -1;
        } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException(ALGORITHM + " rejected a 32-byte key or 12-byte nonce", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " failed to decrypt", e);
        }
    }
}
