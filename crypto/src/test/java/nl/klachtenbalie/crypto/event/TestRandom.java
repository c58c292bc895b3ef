package nl.klachtenbalie.crypto.event;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * TEST ONLY — a deterministic, predictable "random" source: SHA-256(label ‖ counter) blocks. It
 * exists so the vector file's age files are the same on every run; anything encrypted with it is
 * readable by anyone who knows the label. Never use it outside test sources.
 */
public final class TestRandom extends java.security.SecureRandom {

    private static final long serialVersionUID = 1L;

    private final byte[] label;
    private long counter;
    private final byte[] block = new byte[32];
    private int used = 32;

    public TestRandom(String label) {
        super(new byte[0]);
        this.label = ("klachtenbalie TEST-ONLY deterministic random " + label).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void nextBytes(byte[] out) {
        for (int i = 0; i < out.length; i++) {
            if (used == 32) {
                SHA256Digest sha = new SHA256Digest();
                sha.update(label, 0, label.length);
                for (int k = 7; k >= 0; k--) {
                    sha.update((byte) (counter >>> (8 * k)));
                }
                sha.doFinal(block, 0);
                counter++;
                used = 0;
            }
            out[i] = block[used++];
        }
    }

    @Override
    public void setSeed(long seed) {
        // Deterministic by design: seeding does nothing (SecureRandom's constructor calls this).
    }

    @Override
    public synchronized void setSeed(byte[] seed) {
        // As above.
    }
}
