package nl.klachtenbalie.crypto.bundle;

import nl.klachtenbalie.crypto.encoding.Bech32;

/** Checks of the {@code age1…} X25519 recipient strings a bundle carries. */
final class AgeRecipients {

    private AgeRecipients() {
    }

    /**
     * True for the one canonical spelling of an age X25519 recipient: lower-case bech32, hrp
     * {@code age}, 32 bytes. Post-quantum recipients are a later bundle format (a flag day).
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
}
