package nl.klachtenbalie.crypto.age;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.klachtenbalie.crypto.age.format.Stanza;
import nl.klachtenbalie.crypto.encoding.StrictBase64;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * A passphrase identity: opens {@code scrypt} stanzas.
 *
 * <p>The work factor is read from the file, that is, from the attacker. A cap bounds the memory
 * and time one file can demand (scrypt with r = 8 needs 2^logN KiB: 4 GiB at 22); files asking
 * for more are rejected as malformed rather than attempted.
 *
 * <p>Holds the passphrase; {@code toString} does not show it.
 */
public final class ScryptIdentity implements Identity {

    /** Largest work factor this library will ever compute. */
    public static final int MAX_LOG_N = 30;
    /** Default cap on the work factor accepted from a file, as in the age tool. */
    public static final int DEFAULT_MAX_LOG_N = 22;

    private static final byte[] SALT_LABEL = "age-encryption.org/v1/scrypt".getBytes(StandardCharsets.US_ASCII);
    /** Decimal without sign or leading zeros: the only spelling, so the MAC'd header is unambiguous. */
    private static final Pattern WORK_FACTOR = Pattern.compile("[1-9][0-9]*");

    private final byte[] passphrase;
    private final int maxLogN;

    /** With the default cap 2^22. */
    public ScryptIdentity(char[] passphrase) {
        this(passphrase, DEFAULT_MAX_LOG_N);
    }

    /**
     * @param passphrase copied as UTF-8; the caller may wipe its array afterwards
     * @param maxLogN the largest work factor to accept from a file, 1 to {@link #MAX_LOG_N}
     */
    public ScryptIdentity(char[] passphrase, int maxLogN) {
        if (maxLogN < 1 || maxLogN > MAX_LOG_N) {
            throw new IllegalArgumentException("scrypt work factor cap must be between 1 and " + MAX_LOG_N);
        }
        this.passphrase = Passphrase.utf8(passphrase);
        this.maxLogN = maxLogN;
    }

    @Override
    public Optional<byte[]> unwrap(List<Stanza> stanzas) throws AgeException {
        for (Stanza stanza : stanzas) {
            if (!stanza.type().equals(ScryptRecipient.STANZA_TYPE)) {
                continue;
            }
            Optional<byte[]> fileKey = unwrap(stanza);
            if (fileKey.isPresent()) {
                return fileKey;
            }
        }
        return Optional.empty();
    }

    private Optional<byte[]> unwrap(Stanza stanza) throws AgeException {
        List<String> args = stanza.args();
        if (args.size() != 2) {
            throw invalid("wrong number of arguments");
        }
        byte[] salt;
        try {
            salt = StrictBase64.decodeUnpadded(args.get(0));
        } catch (IllegalArgumentException e) {
            throw invalid("salt is not canonical base64");
        }
        if (salt.length != ScryptRecipient.SALT_SIZE) {
            throw invalid("salt is not 16 bytes");
        }
        if (!WORK_FACTOR.matcher(args.get(1)).matches()) {
            throw invalid("malformed work factor");
        }
        // At most two digits can be within the cap; longer numbers must not reach parseInt.
        if (args.get(1).length() > 2 || Integer.parseInt(args.get(1)) > maxLogN) {
            throw invalid("work factor exceeds the limit 2^" + maxLogN);
        }
        int logN = Integer.parseInt(args.get(1));
        byte[] body = stanza.body();
        if (!Primitives.isWrappedFileKeySize(body)) {
            throw invalid("wrapped file key has the wrong size");
        }
        byte[] wrappingKey = deriveKey(passphrase, salt, logN);
        try {
            return Primitives.openFileKey(wrappingKey, body);
        } finally {
            Arrays.fill(wrappingKey, (byte) 0);
        }
    }

    /** scrypt(passphrase, "age-encryption.org/v1/scrypt" ‖ salt, N = 2^logN, r = 8, p = 1). */
    static byte[] deriveKey(byte[] passphrase, byte[] salt, int logN) {
        byte[] fullSalt = X25519Recipient.concat(SALT_LABEL, salt);
        return SCrypt.generate(passphrase, fullSalt, 1 << logN, 8, 1, Primitives.KEY_SIZE);
    }

    private static AgeException invalid(String what) {
        return new AgeException(AgeException.Kind.HEADER, "invalid scrypt stanza: " + what);
    }

    @Override
    public String toString() {
        return "ScryptIdentity[maxLogN=" + maxLogN + "]";
    }
}
