package nl.klachtenbalie.crypto.age;

import static nl.klachtenbalie.crypto.age.TestFiles.RANDOM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import nl.klachtenbalie.crypto.encoding.Bech32;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.pqc.crypto.xwing.XWingKEMExtractor;
import org.bouncycastle.pqc.crypto.xwing.XWingKEMGenerator;
import org.bouncycastle.pqc.crypto.xwing.XWingPrivateKeyParameters;
import org.bouncycastle.pqc.crypto.xwing.XWingPublicKeyParameters;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/** The hybrid post-quantum recipient type {@code mlkem768x25519}: keys, wrapping, labels. */
class HybridTest {

    private static final AgeEncrypter ENCRYPTER = new AgeEncrypter(RANDOM);

    @Test
    void keysRoundTripThroughTheirText() {
        HybridIdentity id = HybridIdentity.generate(RANDOM);
        String secret = id.toSecretString();
        assertTrue(secret.startsWith("AGE-SECRET-KEY-PQ-1"));
        assertEquals(77, secret.length());
        assertEquals(id, HybridIdentity.parse(secret));
        String recipient = id.recipient().toString();
        assertTrue(recipient.startsWith("age1pq1"));
        // 1216 bytes = 1946 five-bit groups, plus "age1pq1" and the 6-character checksum.
        assertEquals(7 + 1946 + 6, recipient.length());
        assertEquals(id.recipient(), HybridRecipient.parse(recipient));
        assertEquals(1216, id.recipient().publicKey().length);
    }

    @Test
    void fromSeedIsDeterministicAndCopies() {
        byte[] seed = Hex.decode("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
        HybridIdentity a = HybridIdentity.fromSeed(seed);
        HybridIdentity b = HybridIdentity.fromSeed(seed);
        assertEquals(a, b);
        assertEquals(a.recipient(), b.recipient());
        seed[0] = 0;
        assertEquals(a, HybridIdentity.parse(a.toSecretString()), "the seed must have been copied");
        assertNotEquals(a, HybridIdentity.fromSeed(seed));
        assertThrows(IllegalArgumentException.class, () -> HybridIdentity.fromSeed(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> HybridIdentity.fromSeed(new byte[64]));
    }

    /** Bouncy Castle's separate X-Wing implementation agrees with ours on key expansion and both KEM directions. */
    @Test
    void agreesWithBouncyCastlesXWing() {
        for (int i = 0; i < 4; i++) {
            byte[] seed = TestFiles.randomBytes(32);
            HybridIdentity id = HybridIdentity.fromSeed(seed);
            XWingPrivateKeyParameters xwing = new XWingPrivateKeyParameters(seed);
            // Their encapsulation to our public key opens with their key from the same seed and with ours.
            SecretWithEncapsulation theirs = new XWingKEMGenerator(RANDOM)
                    .generateEncapsulated(new XWingPublicKeyParameters(id.recipient().publicKey()));
            assertArrayEquals(theirs.getSecret(), new XWingKEMExtractor(xwing).extractSecret(theirs.getEncapsulation()));
            assertArrayEquals(theirs.getSecret(), MlKem768X25519ViaIdentity.decapsulate(seed, theirs.getEncapsulation()));

            MlKem768X25519.Encapsulation ours = MlKem768X25519ViaIdentity.encapsulate(id.recipient().publicKey());
            assertArrayEquals(ours.sharedSecret(), new XWingKEMExtractor(xwing).extractSecret(ours.enc()));
        }
    }

    /** Small access shim so the cross-check reads like the specification. */
    private static final class MlKem768X25519ViaIdentity {
        static byte[] decapsulate(byte[] seed, byte[] enc) {
            try {
                return MlKem768X25519.decapsulate(MlKem768X25519.expand(seed), enc);
            } catch (MlKem768X25519.LowOrderPointException e) {
                throw new AssertionError(e);
            }
        }

        static MlKem768X25519.Encapsulation encapsulate(byte[] publicKey) {
            try {
                return MlKem768X25519.encapsulate(publicKey, RANDOM);
            } catch (MlKem768X25519.LowOrderPointException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void roundTripsAtChunkBoundaries() throws IOException {
        HybridIdentity id = HybridIdentity.generate(RANDOM);
        for (int size : new int[] {0, 1, TestFiles.CHUNK - 1, TestFiles.CHUNK, TestFiles.CHUNK + 1}) {
            byte[] plaintext = TestFiles.randomBytes(size);
            byte[] file = ENCRYPTER.encrypt(plaintext, List.of(id.recipient()));
            assertArrayEquals(plaintext, TestFiles.decrypt(file, false, List.of(id), 1000), "size " + size);
            byte[] armored = ENCRYPTER.encryptArmored(plaintext, List.of(id.recipient()));
            assertArrayEquals(plaintext, TestFiles.decrypt(armored, true, List.of(id), 4096), "armored size " + size);
        }
    }

    @Test
    void everyRecipientOfAHybridFileCanOpenIt() throws AgeException {
        List<HybridIdentity> team = List.of(HybridIdentity.generate(RANDOM), HybridIdentity.generate(RANDOM),
                HybridIdentity.generate(RANDOM));
        byte[] plaintext = TestFiles.randomBytes(1000);
        byte[] file = ENCRYPTER.encrypt(plaintext, team.stream().map(HybridIdentity::recipient).toList());
        for (HybridIdentity member : team) {
            assertArrayEquals(plaintext, new AgeDecrypter().decrypt(file, List.of(member)));
        }
        AgeException e = assertThrows(AgeException.class,
                () -> new AgeDecrypter().decrypt(file, List.of(HybridIdentity.generate(RANDOM), X25519Identity.generate(RANDOM))));
        assertEquals(AgeException.Kind.NO_MATCH, e.kind());
    }

    @Test
    void aDeskWithOldAndNewIdentitiesReadsBothKindsOfFile() throws AgeException {
        X25519Identity old = X25519Identity.generate(RANDOM);
        HybridIdentity current = HybridIdentity.generate(RANDOM);
        List<Identity> desk = List.of(old, current);
        byte[] classic = ENCRYPTER.encrypt(new byte[] {1}, List.of(old.recipient()));
        byte[] hybrid = ENCRYPTER.encrypt(new byte[] {2}, List.of(current.recipient()));
        assertArrayEquals(new byte[] {1}, new AgeDecrypter().decrypt(classic, desk));
        assertArrayEquals(new byte[] {2}, new AgeDecrypter().decrypt(hybrid, desk));
    }

    @Test
    void hybridAndClassicRecipientsAreNeverMixed() {
        HybridRecipient pq = HybridIdentity.generate(RANDOM).recipient();
        X25519Recipient classic = X25519Identity.generate(RANDOM).recipient();
        ScryptRecipient passphrase = new ScryptRecipient("correct horse".toCharArray(), 10);
        for (List<Recipient> mixed : List.<List<Recipient>>of(List.of(pq, classic), List.of(classic, pq),
                List.of(pq, pq, classic), List.of(pq, passphrase))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ENCRYPTER.encrypt(new byte[1], mixed));
            assertTrue(e.getMessage().contains("post-quantum and classic"), e.getMessage());
        }
        assertEquals(java.util.Set.of("postquantum"), pq.wrap(new byte[16], RANDOM).labels());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        HybridIdentity id = HybridIdentity.generate(RANDOM);
        String secret = id.toSecretString();
        String shown = id.toString();
        assertFalse(shown.toUpperCase(Locale.ROOT).contains("SECRET"));
        for (int i = 19; i + 12 <= secret.length(); i++) {
            assertFalse(shown.toUpperCase(Locale.ROOT).contains(secret.substring(i, i + 12)));
        }
        assertTrue(shown.contains(id.recipient().toString().substring(0, 16)));
    }

    @Test
    void malformedKeysAreRejectedWithoutEchoingThem() {
        HybridIdentity id = HybridIdentity.generate(RANDOM);
        String secret = id.toSecretString();
        String lower = secret.toLowerCase(Locale.ROOT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HybridIdentity.parse(lower));
        assertFalse(e.getMessage().toLowerCase(Locale.ROOT).contains(lower.substring(19, 40)));
        String typo = secret.substring(0, 30) + (secret.charAt(30) == 'Q' ? 'P' : 'Q') + secret.substring(31);
        e = assertThrows(IllegalArgumentException.class, () -> HybridIdentity.parse(typo));
        assertFalse(e.getMessage().contains(typo.substring(19, 40)));
        String recipient = id.recipient().toString();
        assertThrows(IllegalArgumentException.class, () -> HybridRecipient.parse(recipient.toUpperCase(Locale.ROOT)));
        assertThrows(IllegalArgumentException.class, () -> HybridRecipient.parse(secret));
        assertThrows(IllegalArgumentException.class, () -> HybridIdentity.parse(recipient));
        assertThrows(IllegalArgumentException.class, () -> X25519Recipient.parse(recipient));
        String classic = X25519Identity.generate(RANDOM).recipient().toString();
        assertThrows(IllegalArgumentException.class, () -> HybridRecipient.parse(classic));
        assertThrows(IllegalArgumentException.class, () -> HybridRecipient.parse(Bech32.encode("age1pq", new byte[1215])));
        assertThrows(IllegalArgumentException.class, () -> HybridRecipient.parse(Bech32.encode("age1pq", new byte[1217])));
        assertThrows(IllegalArgumentException.class,
                () -> HybridIdentity.parse(Bech32.encode("age-secret-key-pq-", new byte[33]).toUpperCase(Locale.ROOT)));
    }

    @Test
    void invalidPublicKeysAreRejected() {
        byte[] good = HybridIdentity.generate(RANDOM).recipient().publicKey();
        // X25519 part a low-order point: every shared secret would be all-zero.
        byte[] lowOrder = good.clone();
        java.util.Arrays.fill(lowOrder, 1184, 1216, (byte) 0);
        assertThrows(IllegalArgumentException.class, () -> HybridRecipient.fromPublicKey(lowOrder));
        // ML-KEM part with a coefficient 0xfff >= q: FIPS 203's encapsulation key check fails.
        byte[] unreduced = good.clone();
        unreduced[0] = (byte) 0xff;
        unreduced[1] = (byte) (unreduced[1] | 0x0f);
        assertThrows(IllegalArgumentException.class, () -> HybridRecipient.fromPublicKey(unreduced));
        byte[] unreducedHigh = good.clone();
        unreducedHigh[1151] = (byte) 0xff;
        unreducedHigh[1150] = (byte) (unreducedHigh[1150] | 0xf0);
        assertThrows(IllegalArgumentException.class, () -> HybridRecipient.fromPublicKey(unreducedHigh));
        assertEquals(HybridRecipient.fromPublicKey(good), HybridRecipient.fromPublicKey(good.clone()));
    }

    @Test
    void theStanzaHasTheSpecifiedShape() {
        HybridRecipient r = HybridIdentity.generate(RANDOM).recipient();
        WrappedFileKey wrapped = r.wrap(new byte[16], RANDOM);
        assertEquals(1, wrapped.stanzas().size());
        var stanza = wrapped.stanzas().get(0);
        assertEquals("mlkem768x25519", stanza.type());
        assertEquals(1, stanza.args().size());
        assertEquals(1120, nl.klachtenbalie.crypto.encoding.StrictBase64.decodeUnpadded(stanza.args().get(0)).length);
        assertEquals(32, stanza.body().length);
        assertThrows(IllegalArgumentException.class, () -> r.wrap(new byte[17], RANDOM));
    }


    @Test
    void theReportersHybridReplyIdentityComesFromItsOwnLabel() throws AgeException {
        var code = nl.klachtenbalie.crypto.receipt.ReceiptCode.generate(RANDOM);
        var keys = nl.klachtenbalie.crypto.receipt.ReporterKeys.derive(code, "test-deployment", new byte[16]);
        HybridIdentity id = keys.replyHybridIdentity();
        assertEquals(keys.replyHybridRecipient(), id.recipient().toString());
        assertEquals(id, HybridIdentity.parse(keys.replyHybridIdentityString()));
        assertTrue(keys.replyRecipient().startsWith("age1") && !keys.replyRecipient().startsWith("age1pq1"));
        byte[] reply = ENCRYPTER.encrypt(new byte[] {42}, List.of(HybridRecipient.parse(keys.replyHybridRecipient())));
        assertArrayEquals(new byte[] {42}, new AgeDecrypter().decrypt(reply, List.of(id)));
        assertEquals(keys.replyHybridRecipient(),
                nl.klachtenbalie.crypto.receipt.ReporterKeys.derive(code, "test-deployment", new byte[16]).replyHybridRecipient());
        keys.destroy();
        assertThrows(IllegalStateException.class, keys::replyHybridIdentity);
        assertThrows(IllegalStateException.class, keys::replyHybridIdentityString);
    }
}
