package nl.klachtenbalie.crypto.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class StrictEd25519Test {

    private static final BigInteger L = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));

    @Test
    void rfc8032Section71() {
        List<String> failures = new ArrayList<>();
        for (String[] v : Ed25519EdgeCases.RFC8032) {
            Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(Hex.decode(v[0]));
            byte[] msg = Hex.decode(v[2]);
            if (!key.publicKey().hex().equals(v[1])) {
                failures.add(v[1] + ": public key");
            }
            if (!Hex.toHexString(key.signRaw(msg)).equals(v[3])) {
                failures.add(v[1] + ": signature");
            }
            if (!StrictEd25519.verifyRaw(Hex.decode(v[1]), Hex.decode(v[3]), msg)) {
                failures.add(v[1] + ": verify");
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void everySpeccheckCaseIsRefused() {
        List<String> failures = new ArrayList<>();
        for (Ed25519EdgeCases.RawCase c : Ed25519EdgeCases.SPECCHECK) {
            // Case 7's published signature has an odd number of hex digits: not even decodable.
            boolean ok = c.signatureHex().length() % 2 == 0
                    && StrictEd25519.verifyRaw(Hex.decode(c.publicKeyHex()), Hex.decode(c.signatureHex()),
                            Hex.decode(c.messageHex()));
            if (ok != c.valid()) {
                failures.add(c.name());
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void bouncyCastleAloneIsLenientOnMixedOrderPoints() {
        // Documents why StrictEd25519 adds its subgroup checks: plain BC accepts speccheck 2–5.
        int accepted = 0;
        for (Ed25519EdgeCases.RawCase c : Ed25519EdgeCases.SPECCHECK.subList(2, 6)) {
            byte[] m = Hex.decode(c.messageHex());
            if (Ed25519.verify(Hex.decode(c.signatureHex()), 0, Hex.decode(c.publicKeyHex()), 0, m, 0, m.length)) {
                accepted++;
            }
        }
        assertTrue(accepted > 0, "if BC became strict, the extra checks are merely redundant");
    }

    @Test
    void sPlusLIsRefused() {
        String[] v = Ed25519EdgeCases.RFC8032.get(1);
        byte[] sig = Hex.decode(v[3]);
        byte[] s = new byte[32];
        System.arraycopy(sig, 32, s, 0, 32);
        BigInteger sPlusL = littleEndian(s).add(L);
        byte[] bad = sig.clone();
        System.arraycopy(toLittleEndian32(sPlusL), 0, bad, 32, 32);
        assertTrue(StrictEd25519.verifyRaw(Hex.decode(v[1]), sig, Hex.decode(v[2])));
        assertFalse(StrictEd25519.verifyRaw(Hex.decode(v[1]), bad, Hex.decode(v[2])));
    }

    @Test
    void malformedInputsAreFalseNotExceptions() {
        String[] v = Ed25519EdgeCases.RFC8032.get(0);
        byte[] pk = Hex.decode(v[1]);
        byte[] sig = Hex.decode(v[3]);
        assertFalse(StrictEd25519.verifyRaw(null, sig, new byte[0]));
        assertFalse(StrictEd25519.verifyRaw(pk, null, new byte[0]));
        assertFalse(StrictEd25519.verifyRaw(pk, sig, null));
        assertFalse(StrictEd25519.verifyRaw(new byte[31], sig, new byte[0]));
        assertFalse(StrictEd25519.verifyRaw(pk, new byte[63], new byte[0]));
        assertFalse(StrictEd25519.verifyRaw(pk, new byte[64], new byte[0]));
        byte[] ones = new byte[64];
        java.util.Arrays.fill(ones, (byte) 0xff);
        assertFalse(StrictEd25519.verifyRaw(pk, ones, new byte[0]));
        for (int i = 0; i < 64; i++) {
            byte[] flipped = sig.clone();
            flipped[i] ^= 0x01;
            assertFalse(StrictEd25519.verifyRaw(pk, flipped, new byte[0]), "bit flip at " + i);
        }
    }

    @Test
    void rejectsBadPublicKeys() {
        List<String> bad = List.of(
                "0100000000000000000000000000000000000000000000000000000000000000", // identity
                "0100000000000000000000000000000000000000000000000000000000000080", // identity, x sign set
                "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p + 1
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p - 1, order 2
                "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa", // order 8
                "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d", // mixed order
                "0200000000000000000000000000000000000000000000000000000000000000"); // not on the curve
        for (String hex : bad) {
            assertFalse(StrictEd25519.isValidPublicKey(Hex.decode(hex)), hex);
        }
    }

    static BigInteger littleEndian(byte[] b) {
        byte[] be = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            be[i] = b[b.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    static byte[] toLittleEndian32(BigInteger n) {
        byte[] out = new byte[32];
        byte[] be = n.toByteArray();
        for (int i = 0; i < be.length && i < 32; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    @Test
    void littleEndianHelpersRoundTrip() {
        byte[] x = Hex.decode("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
        assertArrayEquals(x, toLittleEndian32(littleEndian(x)));
    }
}
