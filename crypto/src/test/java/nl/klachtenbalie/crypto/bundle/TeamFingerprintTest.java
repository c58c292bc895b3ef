package nl.klachtenbalie.crypto.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.Test;

class TeamFingerprintTest {

    @Test
    void matchesAnIndependentBase32() {
        Ed25519PublicKey key = BundleFixtures.rootKey().publicKey();
        SHA256Digest sha = new SHA256Digest();
        byte[] label = "klachtenbalie/v1/root-fingerprint".getBytes(StandardCharsets.US_ASCII);
        sha.update(label, 0, label.length);
        sha.update(key.bytes(), 0, 32);
        byte[] h = new byte[32];
        sha.doFinal(h, 0);
        String b32 = Base32.toBase32String(java.util.Arrays.copyOf(h, 20)).toLowerCase();
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < 32; i += 4) {
            grouped.append(i == 0 ? "" : "-").append(b32, i, i + 4);
        }
        String fp = TeamFingerprint.of(key);
        assertEquals(grouped.toString(), fp);
        assertEquals(39, fp.length());
        assertTrue(fp.matches("[a-z2-7]{4}(-[a-z2-7]{4}){7}"));
        assertNotEquals(fp, TeamFingerprint.of(
                nl.klachtenbalie.crypto.sign.Ed25519PrivateKey.fromSeed(BundleFixtures.fixedBytes("x")).publicKey()));
    }
}
