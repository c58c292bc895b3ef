package nl.klachtenbalie.crypto.age;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;

/** Helpers shared by the round-trip tests. */
final class TestFiles {

    static final int CHUNK = 64 * 1024;
    static final SecureRandom RANDOM = new SecureRandom();

    private TestFiles() {
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Decrypts, reading {@code readSize} bytes at a time, and returns the plaintext. */
    static byte[] decrypt(byte[] file, boolean armored, List<? extends Identity> ids, int readSize) throws IOException {
        AgeDecrypter d = new AgeDecrypter();
        InputStream in = new ByteArrayInputStream(file);
        try (InputStream p = armored ? d.decryptArmored(in, ids) : d.decrypt(in, ids)) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[readSize];
            int n;
            while ((n = p.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** The outcome of decrypting: the failure kind (null on success) and how much plaintext came out. */
    record Outcome(AgeException.Kind failure, byte[] released) {
    }

    static Outcome attempt(byte[] file, boolean armored, List<? extends Identity> ids) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        AgeDecrypter d = new AgeDecrypter();
        InputStream in = new ByteArrayInputStream(file);
        try (InputStream p = armored ? d.decryptArmored(in, ids) : d.decrypt(in, ids)) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = p.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
            return new Outcome(null, out.toByteArray());
        } catch (AgeException e) {
            return new Outcome(e.kind(), out.toByteArray());
        } catch (IOException e) {
            throw new AssertionError("I/O from memory", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
