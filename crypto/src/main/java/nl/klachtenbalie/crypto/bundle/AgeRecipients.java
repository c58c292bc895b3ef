package nl.klachtenbalie.crypto.bundle;

import nl.klachtenbalie.crypto.age.HybridRecipient;
import nl.klachtenbalie.crypto.encoding.Bech32;

/**
 * Checks of the recipient strings a bundle carries: classic {@code age1…} X25519 or hybrid
 * post-quantum {@code age1pq1…} (protocol §9; a bundle's {@code recipients} are all one kind).
 */
final class AgeRecipients {

    private AgeRecipients() {
    }

    /**
     * True for the one canonical spelling of an age X25519 recipient: lower-case bech32, hrp
     * {@code age}, 32 bytes.
     */
    static boolean isX25519Recipient(String s) {
        if (s == null || s.length() != 62 || !s.startsWith("age1")) {
            return false;
        }
        try {
            Bech32.Decoded d = Bech32.decode(s);
            return d.hrp().equals("age") && d.data().length == 32 && Bech32.encode("age", d.data()).equals(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * True for the one canonical spelling of a hybrid {@code mlkem768x25519} recipient: lower-case
     * bech32, hrp {@code age1pq}, 1216 bytes passing the ML-KEM-768 key check.
     */
    static boolean isHybridRecipient(String s) {
        if (s == null || s.length() > 4096 || !s.startsWith("age1pq1")) {
            return false;
        }
        try {
            return HybridRecipient.parse(s).toString().equals(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Either kind, canonical. */
    static boolean isRecipient(String s) {
        return isX25519Recipient(s) || isHybridRecipient(s);
    }
}
