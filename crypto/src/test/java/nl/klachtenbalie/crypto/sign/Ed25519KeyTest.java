package nl.klachtenbalie.crypto.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class Ed25519KeyTest {

    private static final String SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String PUB = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    @Test
    void publicKeyFactories() {
        Ed25519PublicKey a = Ed25519PublicKey.fromHex(PUB);
        Ed25519PublicKey b = Ed25519PublicKey.fromBytes(Hex.decode(PUB));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(PUB, a.hex());
        assertEquals(PUB, Hex.toHexString(a.bytes()));
        byte[] exposed = a.bytes();
        exposed[0] ^= 1;
        assertEquals(PUB, a.hex(), "bytes() must return a copy");
        assertTrue(a.toString().contains(PUB));
    }

    @Test
    void publicKeyFactoriesRefuseBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromHex(PUB.toUpperCase()));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromHex(PUB.substring(2)));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromHex(PUB + "00"));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromHex(" " + PUB.substring(1)));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromHex(null));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromBytes(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromBytes(null));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromHex(
                "0100000000000000000000000000000000000000000000000000000000000000"));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromHex(
                "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d"));
    }

    @Test
    void privateKeyNeverShowsItsSeed() {
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(Hex.decode(SEED));
        assertEquals(PUB, key.publicKey().hex());
        assertFalse(key.toString().contains(SEED));
        assertFalse(key.toString().toLowerCase().contains(SEED.substring(0, 8)));
    }

    @Test
    void destroyZeroesAndRefuses() {
        byte[] seed = Hex.decode(SEED);
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(seed);
        assertFalse(key.isDestroyed());
        key.destroy();
        assertTrue(key.isDestroyed());
        assertThrows(IllegalStateException.class, () -> key.sign(SignatureContext.BUNDLE, "d"));
        assertEquals(SEED, Hex.toHexString(seed), "fromSeed copies; the caller's array is untouched");
    }

    @Test
    void seedMustBe32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> Ed25519PrivateKey.fromSeed(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PrivateKey.fromSeed(null));
    }

    @Test
    void generateUsesTheInjectedRandom() {
        SecureRandom fixed = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                byte[] s = Hex.decode(SEED);
                System.arraycopy(s, 0, bytes, 0, bytes.length);
            }
        };
        assertEquals(PUB, Ed25519PrivateKey.generate(fixed).publicKey().hex());
    }
}
