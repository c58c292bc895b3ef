package nl.klachtenbalie.crypto.age;

import static nl.klachtenbalie.crypto.age.TestFiles.RANDOM;
import static nl.klachtenbalie.crypto.age.TestFiles.attempt;
import static nl.klachtenbalie.crypto.age.TestFiles.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import nl.klachtenbalie.crypto.age.format.Header;
import nl.klachtenbalie.crypto.age.format.Stanza;
import org.junit.jupiter.api.Test;

/** Passphrase files: round trip, the work-factor cap and the must-be-alone rule. */
class ScryptTest {

    private static final int LOG_N = 10;
    private final AgeEncrypter encrypter = new AgeEncrypter(RANDOM);

    @Test
    void roundTripsBinaryAndArmored() throws IOException {
        byte[] plaintext = randomBytes(70_000);
        ScryptRecipient recipient = new ScryptRecipient("correct horse".toCharArray(), LOG_N);
        List<ScryptIdentity> ids = List.of(new ScryptIdentity("correct horse".toCharArray()));
        assertArrayEquals(plaintext, TestFiles.decrypt(encrypter.encrypt(plaintext, List.of(recipient)), false, ids, 4096));
        assertArrayEquals(plaintext, TestFiles.decrypt(encrypter.encryptArmored(plaintext, List.of(recipient)), true, ids, 4096));
    }

    @Test
    void stanzaHasSaltAndWorkFactor() throws IOException {
        byte[] file = encrypter.encrypt(new byte[1], List.of(new ScryptRecipient("pw".toCharArray(), LOG_N)));
        Stanza s = Header.parse(new ByteArrayInputStream(file)).header().stanzas().get(0);
        assertEquals("scrypt", s.type());
        assertEquals(2, s.args().size());
        assertEquals(22, s.args().get(0).length());
        assertEquals("10", s.args().get(1));
    }

    @Test
    void wrongPassphraseIsNoMatch() {
        byte[] file = encrypter.encrypt(new byte[1], List.of(new ScryptRecipient("right".toCharArray(), LOG_N)));
        assertEquals(AgeException.Kind.NO_MATCH,
                attempt(file, false, List.of(new ScryptIdentity("wrong".toCharArray()))).failure());
        // An X25519 identity does not read passphrase stanzas at all.
        assertEquals(AgeException.Kind.NO_MATCH,
                attempt(file, false, List.of(X25519Identity.generate(RANDOM))).failure());
    }

    @Test
    void workFactorAboveTheCapIsRejectedWithoutComputing() {
        byte[] file = encrypter.encrypt(new byte[1], List.of(new ScryptRecipient("pw".toCharArray(), 12)));
        assertEquals(AgeException.Kind.HEADER,
                attempt(file, false, List.of(new ScryptIdentity("pw".toCharArray(), 11))).failure());
        assertEquals(null, attempt(file, false, List.of(new ScryptIdentity("pw".toCharArray(), 12))).failure());
    }

    @Test
    void passphraseCannotBeMixedWithOtherRecipients() {
        ScryptRecipient pw = new ScryptRecipient("pw".toCharArray(), LOG_N);
        X25519Recipient x = X25519Identity.generate(RANDOM).recipient();
        assertThrows(IllegalArgumentException.class, () -> encrypter.encrypt(new byte[1], List.of(pw, x)));
        assertThrows(IllegalArgumentException.class, () -> encrypter.encrypt(new byte[1], List.of(x, pw)));
        assertThrows(IllegalArgumentException.class, () -> encrypter.encrypt(new byte[1], List.of(pw, pw)));
    }

    @Test
    void invalidParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ScryptRecipient("pw".toCharArray(), 0));
        assertThrows(IllegalArgumentException.class, () -> new ScryptRecipient("pw".toCharArray(), 31));
        assertThrows(IllegalArgumentException.class, () -> new ScryptRecipient(new char[0], 10));
        assertThrows(IllegalArgumentException.class, () -> new ScryptIdentity("pw".toCharArray(), 0));
        assertThrows(IllegalArgumentException.class, () -> new ScryptRecipient(new char[] {'\ud800'}, 10));
    }

    @Test
    void toStringHidesThePassphrase() {
        assertFalse(new ScryptRecipient("hunter2".toCharArray(), LOG_N).toString().contains("hunter2"));
        assertFalse(new ScryptIdentity("hunter2".toCharArray()).toString().contains("hunter2"));
    }
}
