package nl.klachtenbalie.crypto.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/**
 * {@link Ed25519PublicKey#fromStoredBytes} skips exactly one check — the prime-order subgroup
 * membership of A, done when the key was stored — and nothing else.
 */
class StoredKeyTest {

    private static final String RFC8032_KEY = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String SMALL_ORDER = "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa";
    private static final String MIXED_ORDER = "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d";
    private static final String NON_CANONICAL = "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

    @Test
    void aValidKeyReadsBackAsTheSameKey() {
        byte[] bytes = Hex.decode(RFC8032_KEY);
        assertEquals(Ed25519PublicKey.fromBytes(bytes), Ed25519PublicKey.fromStoredBytes(bytes));
    }

    @Test
    void refusesWhatVerificationCouldNeverAccept() {
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromStoredBytes(Hex.decode(SMALL_ORDER)));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromStoredBytes(Hex.decode(NON_CANONICAL)));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromStoredBytes(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromStoredBytes(null));
    }

    @Test
    void aMixedOrderKeyPassesOnlyBecauseItWasCheckedBeforeStoring() {
        // This is the difference, and why the factory is for a key read back from one's own store only.
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromBytes(Hex.decode(MIXED_ORDER)));
        assertEquals(MIXED_ORDER, Ed25519PublicKey.fromStoredBytes(Hex.decode(MIXED_ORDER)).hex());
    }

    @Test
    void verificationUnderAStoredKeyIsUnchanged() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 50; i++) {
            Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
            Ed25519PublicKey stored = Ed25519PublicKey.fromStoredBytes(key.publicKey().bytes());
            byte[] part = ("request " + i).getBytes(StandardCharsets.UTF_8);
            byte[] sig = key.sign(SignatureContext.REQUEST, "test.deployment", part);
            assertTrue(stored.verify(SignatureContext.REQUEST, "test.deployment", sig, part));
            byte[] bad = sig.clone();
            bad[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
            assertFalse(stored.verify(SignatureContext.REQUEST, "test.deployment", bad, part));
            assertFalse(stored.verify(SignatureContext.INTERNAL, "test.deployment", sig, part));
        }
        // R is still checked in full: the speccheck cases with a valid A and a bad R stay refused.
        for (Ed25519EdgeCases.RawCase c : Ed25519EdgeCases.SPECCHECK) {
            byte[] a = Hex.decode(c.publicKeyHex());
            if (StrictEd25519.isValidPublicKey(a) && c.signatureHex().length() == 128) {
                assertFalse(StrictEd25519.verifyWithValidKey(a, Hex.decode(c.signatureHex()), Hex.decode(c.messageHex())), c.name());
            }
        }
    }
}
