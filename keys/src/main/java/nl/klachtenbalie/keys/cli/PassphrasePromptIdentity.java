package nl.klachtenbalie.keys.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nl.klachtenbalie.crypto.age.AgeException;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.crypto.age.ScryptIdentity;
import nl.klachtenbalie.crypto.age.format.Stanza;

/**
 * The identity used when decrypting without {@code -i}: asks for a passphrase only once it sees
 * that the file is passphrase-encrypted, as the age tool does, so nobody is prompted for a file
 * that no passphrase could open. Like any identity it answers "not mine" with an empty result;
 * {@link #wasAsked()} lets the command tell "wrong passphrase" from "not a passphrase file".
 */
final class PassphrasePromptIdentity implements Identity {

    private final PassphraseSource passphrases;
    private boolean asked;

    PassphrasePromptIdentity(PassphraseSource passphrases) {
        this.passphrases = passphrases;
    }

    @Override
    public Optional<byte[]> unwrap(List<Stanza> stanzas) throws AgeException {
        if (stanzas.stream().noneMatch(s -> s.type().equals("scrypt"))) {
            return Optional.empty();
        }
        asked = true;
        char[] passphrase = passphrases.read("Enter passphrase: ");
        ScryptIdentity identity = new ScryptIdentity(passphrase);
        Arrays.fill(passphrase, '\0');
        return identity.unwrap(stanzas);
    }

    /** Whether a passphrase was requested, i.e. the file was passphrase-encrypted. */
    boolean wasAsked() {
        return asked;
    }

    @Override
    public String toString() {
        return "PassphrasePromptIdentity";
    }
}
