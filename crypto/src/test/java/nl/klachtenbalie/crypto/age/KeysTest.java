package nl.klachtenbalie.crypto.age;

import static nl.klachtenbalie.crypto.age.TestFiles.RANDOM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/** Parsing and printing of X25519 keys. */
class KeysTest {

    // The identity used by the cctv-age vectors, and its recipient as printed by age-keygen -y.
    private static final String CCTV_IDENTITY =
            "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0";

    @Test
    void identityRoundTripsThroughItsText() {
        X25519Identity id = X25519Identity.generate(RANDOM);
        String secret = id.toSecretString();
        assertTrue(secret.startsWith("AGE-SECRET-KEY-1"));
        assertEquals(74, secret.length());
        X25519Identity parsed = X25519Identity.parse(secret);
        assertEquals(id, parsed);
        assertEquals(id.recipient(), parsed.recipient());
        assertEquals(id.recipient(), X25519Recipient.parse(id.recipient().toString()));
        assertTrue(id.recipient().toString().startsWith("age1"));
        assertEquals(62, id.recipient().toString().length());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        X25519Identity id = X25519Identity.parse(CCTV_IDENTITY);
        String shown = id.toString();
        assertFalse(shown.toUpperCase(Locale.ROOT).contains("SECRET"));
        assertFalse(shown.toUpperCase(Locale.ROOT).contains(CCTV_IDENTITY.substring(16, 40)));
        assertTrue(shown.contains(id.recipient().toString()));
    }

    @Test
    void fromSecretScalarMatchesTheBech32Form() {
        byte[] scalar = Hex.decode("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
        X25519Identity id = X25519Identity.fromSecretScalar(scalar);
        scalar[0] = 0;
        assertEquals(id, X25519Identity.parse(id.toSecretString()), "the scalar must have been copied");
        assertNotEquals(id, X25519Identity.fromSecretScalar(scalar));
        assertThrows(IllegalArgumentException.class, () -> X25519Identity.fromSecretScalar(new byte[31]));
    }

    @Test
    void malformedKeysAreRejectedWithoutEchoingThem() {
        String lower = CCTV_IDENTITY.toLowerCase(Locale.ROOT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> X25519Identity.parse(lower));
        assertFalse(e.getMessage().toLowerCase(Locale.ROOT).contains(lower.substring(16, 40)));
        String typo = CCTV_IDENTITY.substring(0, 30) + "Q" + CCTV_IDENTITY.substring(31);
        e = assertThrows(IllegalArgumentException.class, () -> X25519Identity.parse(typo));
        assertFalse(e.getMessage().contains(typo.substring(16, 40)));
        String recipient = X25519Identity.parse(CCTV_IDENTITY).recipient().toString();
        assertThrows(IllegalArgumentException.class, () -> X25519Recipient.parse(recipient.toUpperCase(Locale.ROOT)));
        assertThrows(IllegalArgumentException.class, () -> X25519Recipient.parse(CCTV_IDENTITY));
        assertThrows(IllegalArgumentException.class, () -> X25519Identity.parse(recipient));
        assertThrows(IllegalArgumentException.class, () -> X25519Recipient.parse("age1"));
        assertThrows(IllegalArgumentException.class,
                () -> X25519Recipient.parse(nl.klachtenbalie.crypto.encoding.Bech32.encode("age", new byte[31])));
    }

    @Test
    void lowOrderPublicKeysAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> X25519Recipient.fromPublicKey(new byte[32]));
        byte[] one = new byte[32];
        one[0] = 1;
        assertThrows(IllegalArgumentException.class, () -> X25519Recipient.fromPublicKey(one));
        // A point of order 8 (from the list of low-order points in the X25519 literature).
        byte[] order8 = Hex.decode("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
        assertThrows(IllegalArgumentException.class, () -> X25519Recipient.fromPublicKey(order8));
    }

    @Test
    void publicKeyAccessorsCopy() {
        X25519Recipient r = X25519Identity.generate(RANDOM).recipient();
        byte[] pk = r.publicKey();
        pk[0] ^= 1;
        assertFalse(java.util.Arrays.equals(pk, r.publicKey()));
        assertArrayEquals(r.publicKey(), X25519Recipient.fromPublicKey(r.publicKey()).publicKey());
    }
}
