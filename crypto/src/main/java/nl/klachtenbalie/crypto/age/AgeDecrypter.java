package nl.klachtenbalie.crypto.age;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nl.klachtenbalie.crypto.age.armor.ArmorReader;
import nl.klachtenbalie.crypto.age.armor.Armor;
import nl.klachtenbalie.crypto.age.format.Header;
import nl.klachtenbalie.crypto.age.format.Stanza;
import nl.klachtenbalie.crypto.age.stream.PayloadKey;
import nl.klachtenbalie.crypto.age.stream.StreamReader;

/**
 * Decrypts age v1 files.
 *
 * <p>The steps and their failure kinds: parse the header ({@code HEADER}); find an identity that
 * unwraps a stanza ({@code NO_MATCH}, or {@code HEADER} for a malformed stanza addressed to one of
 * ours); verify the header MAC ({@code HMAC}); read the payload nonce ({@code HEADER}); decrypt
 * the payload ({@code PAYLOAD}, while reading). Armor errors are {@code ARMOR} at any step.
 *
 * <p>The returned stream releases plaintext chunk by chunk before the end of the file has been
 * authenticated. Anything acting on the plaintext as a whole must read to end of stream first,
 * and discard what it read if reading fails. Stateless and thread-safe.
 */
public final class AgeDecrypter {

    /**
     * Decrypts a binary age file.
     *
     * @param identities tried in order; the first one that unwraps a stanza wins
     * @throws AgeException if the header is invalid, no identity matches or the MAC is wrong
     * @throws IOException if {@code in} fails
     */
    public InputStream decrypt(InputStream in, List<? extends Identity> identities) throws IOException {
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("no identities");
        }
        Header.ParsedHeader parsed = Header.parse(in);
        Header header = parsed.header();
        byte[] fileKey = unwrap(header, identities);
        try {
            if (!HeaderMac.verify(fileKey, header)) {
                throw new AgeException(AgeException.Kind.HMAC, "header authentication failed");
            }
            byte[] nonce = parsed.payload().readNBytes(PayloadKey.NONCE_SIZE);
            if (nonce.length != PayloadKey.NONCE_SIZE) {
                throw new AgeException(AgeException.Kind.HEADER, "invalid header: payload nonce missing or short");
            }
            byte[] payloadKey = PayloadKey.derive(fileKey, nonce);
            try {
                return new StreamReader(payloadKey, parsed.payload());
            } finally {
                Arrays.fill(payloadKey, (byte) 0);
            }
        } finally {
            Arrays.fill(fileKey, (byte) 0);
        }
    }

    /** Decrypts an armored age file. */
    public InputStream decryptArmored(InputStream in, List<? extends Identity> identities) throws IOException {
        return decrypt(new ArmorReader(in), identities);
    }

    /**
     * Decrypts a file that may be armored or binary: armored if, after optional white space, it
     * starts with the armor's BEGIN line. For input from people, where either form turns up.
     */
    public InputStream decryptDetectingArmor(InputStream in, List<? extends Identity> identities) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        int peek = Armor.MAX_WHITESPACE + Armor.BEGIN.length();
        buffered.mark(peek);
        byte[] start = buffered.readNBytes(peek);
        buffered.reset();
        return Armor.startsWithArmor(start) ? decryptArmored(buffered, identities) : decrypt(buffered, identities);
    }

    /**
     * Decrypts a small binary age file in memory; all or nothing.
     *
     * @throws AgeException if decryption fails at any step; no plaintext is returned then
     */
    public byte[] decrypt(byte[] ciphertext, List<? extends Identity> identities) throws AgeException {
        try (InputStream plaintext = decrypt(new ByteArrayInputStream(ciphertext), identities)) {
            return plaintext.readAllBytes();
        } catch (AgeException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
    }

    private static byte[] unwrap(Header header, List<? extends Identity> identities) throws AgeException {
        List<Stanza> stanzas = header.stanzas();
        for (Stanza stanza : stanzas) {
            // A passphrase file with other stanzas could be opened by someone other than the
            // passphrase holder while looking passphrase-protected; the specification forbids it.
            if (stanza.type().equals(ScryptRecipient.STANZA_TYPE) && stanzas.size() != 1) {
                throw new AgeException(AgeException.Kind.HEADER, "invalid header: an scrypt stanza must be the only stanza");
            }
        }
        for (Identity identity : identities) {
            Optional<byte[]> fileKey = identity.unwrap(stanzas);
            if (fileKey.isPresent()) {
                byte[] key = fileKey.get();
                if (key.length != Primitives.FILE_KEY_SIZE) {
                    throw new AgeException(AgeException.Kind.HEADER, "invalid header: file key is not 16 bytes");
                }
                return key;
            }
        }
        throw new AgeException(AgeException.Kind.NO_MATCH, "no identity matched any of the recipients");
    }
}
