package nl.klachtenbalie.keys.team;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import nl.klachtenbalie.crypto.age.AgeDecrypter;
import nl.klachtenbalie.crypto.age.AgeEncrypter;
import nl.klachtenbalie.crypto.age.AgeException;
import nl.klachtenbalie.crypto.age.ScryptIdentity;
import nl.klachtenbalie.crypto.age.ScryptRecipient;
import nl.klachtenbalie.crypto.encoding.Bech32;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;

/**
 * The passphrase-protected key files of a team directory. Each is an ordinary age file encrypted
 * to an scrypt passphrase recipient, so the stock {@code age -d} opens it with the passphrase and
 * the team can always recover its keys without this software. The plaintext is a small text file
 * in age-keygen's style: {@code #} comment lines, then one key line —
 *
 * <ul>
 *   <li>{@code KB-ROOT-SIGNING-KEY-1…}: the root Ed25519 seed (bech32, hrp {@code KB-ROOT-SIGNING-KEY-});
 *   <li>{@code KB-SIGNING-KEY-1…}: a member's reply-signing Ed25519 seed;
 *   <li>{@code AGE-SECRET-KEY-1…}: a member's age identity, usable as {@code age -d -i} once decrypted.
 * </ul>
 *
 * <p>Decrypted key text is wiped from memory as soon as the key is parsed; error messages never
 * repeat a key line.
 */
final class SealedKeys {

    static final String ROOT_HRP = "KB-ROOT-SIGNING-KEY-";
    static final String SIGNING_HRP = "KB-SIGNING-KEY-";

    private SealedKeys() {
    }

    /** The text line of an Ed25519 seed under {@code hrp}, upper case like age's secret keys. */
    static String seedLine(String hrp, byte[] seed) {
        return Bech32.encode(hrp, seed).toUpperCase(Locale.ROOT);
    }

    /** Encrypts {@code text} to {@code passphrase} (scrypt, age's default work factor 2^18). */
    static byte[] seal(byte[] text, char[] passphrase, SecureRandom random) {
        return new AgeEncrypter(random).encrypt(text, List.of(new ScryptRecipient(passphrase)));
    }

    /** Decrypts a sealed key file; a wrong passphrase is a clear one-line error. */
    static byte[] open(String name, byte[] file, char[] passphrase) {
        try {
            return new AgeDecrypter().decrypt(file, List.of(new ScryptIdentity(passphrase)));
        } catch (AgeException e) {
            if (e.kind() == AgeException.Kind.NO_MATCH) {
                throw new TeamException("wrong passphrase for " + name);
            }
            throw new TeamException("cannot decrypt " + name + ": " + e.getMessage());
        }
    }

    /** The Ed25519 key in a decrypted key file whose key line has {@code hrp}; wipes {@code text}. */
    static Ed25519PrivateKey parseSeedFile(String name, byte[] text, String hrp) {
        byte[] seed = null;
        try {
            String key = keyLine(name, text, hrp + "1");
            Bech32.Decoded d;
            try {
                d = Bech32.decode(key);
            } catch (IllegalArgumentException e) {
                throw new TeamException(name + ": the key line is damaged (bad checksum)");
            }
            seed = d.data();
            if (!d.hrp().equals(hrp.toLowerCase(Locale.ROOT)) || seed.length != Ed25519PrivateKey.SEED_LENGTH) {
                throw new TeamException(name + ": not a " + hrp + " key");
            }
            return Ed25519PrivateKey.fromSeed(seed);
        } finally {
            Arrays.fill(text, (byte) 0);
            if (seed != null) {
                Arrays.fill(seed, (byte) 0);
            }
        }
    }

    /** The single non-comment line, which must start with {@code prefix}. */
    static String keyLine(String name, byte[] text, String prefix) {
        String found = null;
        for (String line : new String(text, StandardCharsets.US_ASCII).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (found != null || !line.startsWith(prefix) || !line.equals(line.toUpperCase(Locale.ROOT))) {
                throw new TeamException(name + ": expected exactly one " + prefix + "… line");
            }
            found = line;
        }
        if (found == null) {
            throw new TeamException(name + ": no " + prefix + "… line");
        }
        return found;
    }
}
