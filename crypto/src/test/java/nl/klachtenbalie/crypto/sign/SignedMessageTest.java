package nl.klachtenbalie.crypto.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class SignedMessageTest {

    private static final byte[] SEED = Hex.decode("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");

    @Test
    void exactEncoding() {
        byte[] got = SignedMessage.encode(SignatureContext.REPLY, "ams", new byte[] {1, 2}, new byte[0]);
        String expected = Hex.toHexString("klachtenbalie/v1/reply".getBytes(StandardCharsets.US_ASCII))
                + "00" + "0003" + Hex.toHexString("ams".getBytes(StandardCharsets.US_ASCII))
                + "00000002" + "0102" + "00000000";
        assertEquals(expected, Hex.toHexString(got));
    }

    @Test
    void deploymentIdIsUtf8WithByteLength() {
        byte[] got = SignedMessage.encode(SignatureContext.BUNDLE, "é");
        assertTrue(Hex.toHexString(got).endsWith("000002c3a9"));
    }

    @Test
    void labels() {
        assertEquals("bundle", SignatureContext.BUNDLE.label());
        assertEquals("reply", SignatureContext.REPLY.label());
        assertEquals("reporter-msg", SignatureContext.REPORTER_MSG.label());
        assertEquals("request", SignatureContext.REQUEST.label());
        assertEquals("internal", SignatureContext.INTERNAL.label());
        assertEquals("outbox", SignatureContext.OUTBOX.label());
    }

    @Test
    void partsAreUnambiguous() {
        byte[] a = SignedMessage.encode(SignatureContext.REQUEST, "d", new byte[] {1, 2}, new byte[] {3});
        byte[] b = SignedMessage.encode(SignatureContext.REQUEST, "d", new byte[] {1}, new byte[] {2, 3});
        byte[] c = SignedMessage.encode(SignatureContext.REQUEST, "d", new byte[] {1, 2, 3});
        assertFalse(java.util.Arrays.equals(a, b));
        assertFalse(java.util.Arrays.equals(a, c));
        assertFalse(java.util.Arrays.equals(b, c));
    }

    @Test
    void badDeploymentIds() {
        assertThrows(IllegalArgumentException.class, () -> SignedMessage.encode(SignatureContext.BUNDLE, ""));
        assertThrows(IllegalArgumentException.class,
                () -> SignedMessage.encode(SignatureContext.BUNDLE, "x".repeat(65536)));
        SignedMessage.encode(SignatureContext.BUNDLE, "x".repeat(65535));
        assertThrows(NullPointerException.class, () -> SignedMessage.encode(SignatureContext.BUNDLE, null));
        assertThrows(NullPointerException.class,
                () -> SignedMessage.encode(SignatureContext.BUNDLE, "d", (byte[]) null));
    }

    @Test
    void signatureBindsContextDeploymentAndParts() {
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(SEED);
        Ed25519PublicKey pub = key.publicKey();
        byte[] part = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] sig = key.sign(SignatureContext.REPORTER_MSG, "amsterdam", part);
        assertTrue(pub.verify(SignatureContext.REPORTER_MSG, "amsterdam", sig, part));
        for (SignatureContext other : SignatureContext.values()) {
            if (other != SignatureContext.REPORTER_MSG) {
                assertFalse(pub.verify(other, "amsterdam", sig, part), other.name());
            }
        }
        assertFalse(pub.verify(SignatureContext.REPORTER_MSG, "rotterdam", sig, part));
        assertFalse(pub.verify(SignatureContext.REPORTER_MSG, "amsterdam", sig, "hellO".getBytes(StandardCharsets.UTF_8)));
        assertFalse(pub.verify(SignatureContext.REPORTER_MSG, "amsterdam", sig, part, new byte[0]));
        assertFalse(pub.verify(SignatureContext.REPORTER_MSG, "amsterdam", sig));
        // Malformed input never throws.
        assertFalse(pub.verify(null, "amsterdam", sig, part));
        assertFalse(pub.verify(SignatureContext.REPORTER_MSG, null, sig, part));
        assertFalse(pub.verify(SignatureContext.REPORTER_MSG, "", sig, part));
        assertFalse(pub.verify(SignatureContext.REPORTER_MSG, "amsterdam", null, part));
        assertFalse(pub.verify(SignatureContext.REPORTER_MSG, "amsterdam", sig, (byte[]) null));
        assertFalse(pub.verify(SignatureContext.REPORTER_MSG, "amsterdam", sig, (byte[][]) null));
        assertFalse(pub.verify(SignatureContext.REPORTER_MSG, "amsterdam", new byte[65], part));
    }

    @Test
    void signingIsDeterministicAndOtherKeysFail() {
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(SEED);
        byte[] s1 = key.sign(SignatureContext.BUNDLE, "d", new byte[] {9});
        byte[] s2 = key.sign(SignatureContext.BUNDLE, "d", new byte[] {9});
        assertEquals(Hex.toHexString(s1), Hex.toHexString(s2));
        Ed25519PrivateKey other = Ed25519PrivateKey.generate(new SecureRandom());
        assertFalse(other.publicKey().verify(SignatureContext.BUNDLE, "d", s1, new byte[] {9}));
        assertNotEquals(key.publicKey(), other.publicKey());
    }
}
