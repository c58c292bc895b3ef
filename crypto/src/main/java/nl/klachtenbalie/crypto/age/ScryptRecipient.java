package nl.klachtenbalie.crypto.age;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import nl.klachtenbalie.crypto.age.format.Stanza;
import nl.klachtenbalie.crypto.encoding.StrictBase64;
import org.bouncycastle.util.encoders.Hex;

/**
 * A passphrase recipient: the file key is wrapped under scrypt(passphrase).
 *
 * <p>A passphrase-encrypted file has exactly one stanza. Its wrapping returns a label no other
 * recipient can share (see {@link WrappedFileKey}), so the encrypter refuses to combine it with
 * anything, as the specification requires.
 *
 * <p>Holds the passphrase; {@code toString} does not show it.
 */
public final class ScryptRecipient implements Recipient {

    /** Work factor the age tool uses by default: about a second on a laptop. */
    public static final int DEFAULT_LOG_N = 18;
    static final String STANZA_TYPE = "scrypt";
    static final int SALT_SIZE = 16;

    private final byte[] passphrase;
    private final int logN;

    /** With the default work factor 2^18. */
    public ScryptRecipient(char[] passphrase) {
        this(passphrase, DEFAULT_LOG_N);
    }

    /**
     * @param passphrase copied as UTF-8; the caller may wipe its array afterwards
     * @param logN the base-2 logarithm of scrypt's N, 1 to {@link ScryptIdentity#MAX_LOG_N}
     */
    public ScryptRecipient(char[] passphrase, int logN) {
        if (logN < 1 || logN > ScryptIdentity.MAX_LOG_N) {
            throw new IllegalArgumentException("scrypt work factor must be between 1 and " + ScryptIdentity.MAX_LOG_N);
        }
        this.passphrase = Passphrase.utf8(passphrase);
        this.logN = logN;
    }

    @Override
    public WrappedFileKey wrap(byte[] fileKey, SecureRandom random) {
        byte[] salt = new byte[SALT_SIZE];
        random.nextBytes(salt);
        byte[] wrappingKey = ScryptIdentity.deriveKey(passphrase, salt, logN);
        byte[] body = Primitives.sealFileKey(wrappingKey, fileKey);
        Arrays.fill(wrappingKey, (byte) 0);
        Stanza stanza = new Stanza(STANZA_TYPE,
                List.of(StrictBase64.encodeUnpadded(salt), Integer.toString(logN)), body);
        // A random label: no other recipient, not even another passphrase, can match it.
        byte[] label = new byte[16];
        random.nextBytes(label);
        return new WrappedFileKey(List.of(stanza), Set.of("scrypt-alone-" + Hex.toHexString(label)));
    }

    @Override
    public String toString() {
        return "ScryptRecipient[logN=" + logN + "]";
    }
}
