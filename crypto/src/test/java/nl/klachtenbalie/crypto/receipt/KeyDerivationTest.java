package nl.klachtenbalie.crypto.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import nl.klachtenbalie.crypto.encoding.Bech32;
import nl.klachtenbalie.crypto.sign.SignatureContext;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class KeyDerivationTest {

    @Test
    void argon2idRfc9106() {
        // RFC 9106 §5.3: Argon2id, m = 32 KiB, t = 3, p = 4, with secret and associated data.
        byte[] password = filled(32, 0x01);
        byte[] salt = filled(16, 0x02);
        byte[] secret = filled(8, 0x03);
        byte[] ad = filled(12, 0x04);
        byte[] tag = KeyDerivation.argon2id(password, salt, secret, ad, new Argon2Params(32, 3, 4), 32);
        assertEquals("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", Hex.toHexString(tag));
    }

    @Test
    void hkdfRfc5869Case1() {
        byte[] ikm = filled(22, 0x0b);
        byte[] salt = Hex.decode("000102030405060708090a0b0c");
        byte[] info = Hex.decode("f0f1f2f3f4f5f6f7f8f9");
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                Hex.toHexString(KeyDerivation.hkdfSha256(ikm, salt, info, 42)));
    }

    @Test
    void fullDerivationIsDeterministicAndBoundToSaltAndDeployment() throws ReceiptCodeException {
        ReceiptCode code = ReceiptCode.generate(new SecureRandom());
        byte[] salt = filled(16, 0x5a);
        ReporterKeys a = ReporterKeys.derive(code, "amsterdam", salt);
        ReporterKeys b = ReporterKeys.derive(ReceiptCode.parse(code.grouped()), "amsterdam", salt);
        assertEquals(a, b);
        assertEquals(a.replyRecipient(), b.replyRecipient());
        assertEquals(a.signingKey().publicKey(), b.signingKey().publicKey());

        byte[] seed = KeyDerivation.receiptSeed(code, salt);
        assertEquals(a, ReporterKeys.fromSeed(seed, "amsterdam"));
        assertNotEquals(a, ReporterKeys.fromSeed(seed, "rotterdam"));
        byte[] otherSalt = salt.clone();
        otherSalt[15] ^= 1;
        assertFalse(Arrays.equals(seed, KeyDerivation.receiptSeed(code, otherSalt)));
    }

    @Test
    void labelsAreDistinctAndOutputsIndependent() {
        assertEquals(3, Set.of(KeyDerivation.LABEL_MAILBOX_ID, KeyDerivation.LABEL_SIGNING_KEY,
                KeyDerivation.LABEL_REPLY_IDENTITY).size());
        ReporterKeys k = ReporterKeys.fromSeed(filled(32, 0x11), "d");
        byte[] seed = filled(32, 0x11);
        assertEquals(Hex.toHexString(KeyDerivation.hkdfSha256(seed, "d".getBytes(StandardCharsets.US_ASCII),
                "klachtenbalie/v1/mailbox-id".getBytes(StandardCharsets.US_ASCII), 16)), k.mailboxIdHex());
        // The signing key is Ed25519 from out("…/mailbox-signing-key", 32).
        byte[] signingSeed = KeyDerivation.hkdfSha256(seed, "d".getBytes(StandardCharsets.US_ASCII),
                "klachtenbalie/v1/mailbox-signing-key".getBytes(StandardCharsets.US_ASCII), 32);
        assertEquals(nl.klachtenbalie.crypto.sign.Ed25519PrivateKey.fromSeed(signingSeed).publicKey(),
                k.signingKey().publicKey());
    }

    @Test
    void ageStringsEncodeTheRawScalar() {
        ReporterKeys k = ReporterKeys.fromSeed(filled(32, 0x22), "d");
        byte[] scalar = k.replyIdentitySecret();
        String identity = k.replyIdentityString();
        assertTrue(identity.startsWith("AGE-SECRET-KEY-1"));
        assertEquals(identity.toUpperCase(), identity);
        Bech32.Decoded dec = Bech32.decode(identity);
        assertEquals("age-secret-key-", dec.hrp());
        assertEquals(Hex.toHexString(scalar), Hex.toHexString(dec.data()), "age keeps the unclamped scalar");
        byte[] pub = new byte[32];
        X25519.scalarMultBase(scalar, 0, pub, 0);
        assertEquals(Bech32.encode("age", pub), k.replyRecipient());
        assertTrue(k.replyRecipient().startsWith("age1"));
        assertEquals(62, k.replyRecipient().length());
    }

    @Test
    void destroyAndToString() {
        ReporterKeys k = ReporterKeys.fromSeed(filled(32, 0x33), "d");
        String scalarHex = Hex.toHexString(k.replyIdentitySecret());
        assertFalse(k.toString().contains(scalarHex));
        assertFalse(k.toString().contains(k.replyIdentityString()));
        assertTrue(k.toString().contains(k.mailboxIdHex()));
        byte[] sig = k.signingKey().sign(SignatureContext.REQUEST, "d", new byte[] {1});
        assertTrue(k.signingKey().publicKey().verify(SignatureContext.REQUEST, "d", sig, new byte[] {1}));
        k.destroy();
        assertTrue(k.isDestroyed());
        assertThrows(IllegalStateException.class, k::replyIdentitySecret);
        assertThrows(IllegalStateException.class, k::replyIdentityString);
        assertThrows(IllegalStateException.class, k::signingKey);
    }

    @Test
    void parameterAndInputChecks() {
        ReceiptCode code = ReceiptCode.generate(new SecureRandom());
        assertThrows(IllegalArgumentException.class, () -> ReporterKeys.derive(code, "d", new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> ReporterKeys.derive(code, "", new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> ReporterKeys.derive(code, "ams terdam", new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> ReporterKeys.derive(code, "é", new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> Argon2Params.forVersion(2));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(19456, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(4, 1, 1));
        assertEquals(new Argon2Params(19456, 2, 1), Argon2Params.forVersion(1));
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
