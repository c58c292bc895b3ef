package nl.klachtenbalie.crypto.age;

import static nl.klachtenbalie.crypto.age.TestFiles.RANDOM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The header sizes protocol §9 quotes: a hybrid stanza is 1557 bytes against 98 for X25519, so a
 * header of n hybrid recipients is 70 + 1557·n bytes. The server's default
 * {@code limits.max-age-header-bytes} (16384) holds at most 10 of them.
 */
class HybridSizeTest {

    static final int VERSION_AND_MAC = "age-encryption.org/v1\n".length() + "--- ".length() + 43 + 1;
    // "-> mlkem768x25519 " + b64(1120 bytes) = 1494 characters + "\n", then the 32-byte body: 43 + "\n".
    static final int HYBRID_STANZA = 3 + 14 + 1 + 1494 + 1 + 43 + 1;
    // "-> X25519 " + b64(32 bytes) + "\n", then the body.
    static final int X25519_STANZA = 3 + 6 + 1 + 43 + 1 + 43 + 1;
    static final int SERVER_DEFAULT_MAX_HEADER = 16384;

    @Test
    void headerSizesForTeamsOfOneToFivePlusTheReporter() {
        AgeEncrypter encrypter = new AgeEncrypter(RANDOM);
        byte[] plaintext = new byte[2048]; // the smallest padding bucket
        List<HybridRecipient> hybrid = new ArrayList<>();
        List<X25519Recipient> classic = new ArrayList<>();
        hybrid.add(HybridIdentity.generate(RANDOM).recipient()); // the reporter
        classic.add(X25519Identity.generate(RANDOM).recipient());
        for (int team = 1; team <= 5; team++) {
            hybrid.add(HybridIdentity.generate(RANDOM).recipient());
            classic.add(X25519Identity.generate(RANDOM).recipient());
            int hybridHeader = header(encrypter.encrypt(plaintext, hybrid));
            int classicHeader = header(encrypter.encrypt(plaintext, classic));
            System.out.printf("team %d + reporter: hybrid header %d bytes, classic header %d bytes%n",
                    team, hybridHeader, classicHeader);
            assertEquals(VERSION_AND_MAC + (team + 1) * HYBRID_STANZA, hybridHeader);
            assertEquals(VERSION_AND_MAC + (team + 1) * X25519_STANZA, classicHeader);
            assertTrue(hybridHeader <= SERVER_DEFAULT_MAX_HEADER);
        }
        assertEquals(1557, HYBRID_STANZA);
        assertEquals(98, X25519_STANZA);
        assertEquals(10, (SERVER_DEFAULT_MAX_HEADER - VERSION_AND_MAC) / HYBRID_STANZA);
    }

    /** Header bytes: everything before the 16-byte payload nonce and the STREAM chunks of a 2048-byte plaintext. */
    private static int header(byte[] file) {
        return file.length - 16 - 2048 - 16;
    }
}
