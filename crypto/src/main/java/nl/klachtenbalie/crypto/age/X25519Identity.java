package nl.klachtenbalie.crypto.age;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.klachtenbalie.crypto.age.format.Stanza;
import nl.klachtenbalie.crypto.encoding.Bech32;
import nl.klachtenbalie.crypto.encoding.StrictBase64;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * A classic age identity: an X25519 secret scalar, written {@code AGE-SECRET-KEY-1…}.
 *
 * <p>Immutable. {@link #toString()} shows only the public recipient; the secret leaves this
 * object only through {@link #toSecretString()}, a name meant to be easy to find in review.
 */
public final class X25519Identity implements Identity {

    static final String HRP = "age-secret-key-";

    private final byte[] secret;
    private final X25519Recipient recipient;

    private X25519Identity(byte[] secret) {
        this.secret = secret;
        byte[] publicKey = new byte[X25519.POINT_SIZE];
        X25519.scalarMultBase(secret, 0, publicKey, 0);
        this.recipient = X25519Recipient.fromPublicKey(publicKey);
    }

    /** A new random identity. */
    public static X25519Identity generate(SecureRandom random) {
        byte[] secret = new byte[X25519.SCALAR_SIZE];
        random.nextBytes(secret);
        return new X25519Identity(secret);
    }

    /**
     * An identity from a 32-byte scalar derived elsewhere (for example a reporter's reply key
     * from the receipt code). The bytes are copied and used as age uses them: X25519 clamps them.
     */
    public static X25519Identity fromSecretScalar(byte[] scalar) {
        if (scalar.length != X25519.SCALAR_SIZE) {
            throw new IllegalArgumentException("X25519 secret scalar must be 32 bytes");
        }
        return new X25519Identity(scalar.clone());
    }

    /**
     * Parses {@code AGE-SECRET-KEY-1…}: upper-case Bech32 with a 32-byte payload. Error messages
     * never repeat the input, which is a secret.
     *
     * @throws IllegalArgumentException if the string is not such a key
     */
    public static X25519Identity parse(String s) {
        if (!s.equals(s.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("malformed age identity: must be upper case");
        }
        Bech32.Decoded decoded;
        try {
            decoded = Bech32.decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed age identity: invalid Bech32");
        }
        if (!decoded.hrp().equals(HRP)) {
            throw new IllegalArgumentException("malformed age identity: not an AGE-SECRET-KEY-1… key");
        }
        byte[] data = decoded.data();
        try {
            return fromSecretScalar(data);
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    /** The recipient that files for this identity are encrypted to. */
    public X25519Recipient recipient() {
        return recipient;
    }

    /** The secret key in age's text form. Treat the result as the key itself. */
    public String toSecretString() {
        return Bech32.encode(HRP, secret).toUpperCase(Locale.ROOT);
    }

    @Override
    public Optional<byte[]> unwrap(List<Stanza> stanzas) throws AgeException {
        for (Stanza stanza : stanzas) {
            Optional<byte[]> fileKey = unwrap(stanza);
            if (fileKey.isPresent()) {
                return fileKey;
            }
        }
        return Optional.empty();
    }

    private Optional<byte[]> unwrap(Stanza stanza) throws AgeException {
        if (!stanza.type().equals(X25519Recipient.STANZA_TYPE)) {
            return Optional.empty();
        }
        if (stanza.args().size() != 1) {
            throw invalid("wrong number of arguments");
        }
        byte[] share;
        try {
            share = StrictBase64.decodeUnpadded(stanza.args().get(0));
        } catch (IllegalArgumentException e) {
            throw invalid("share is not canonical base64");
        }
        if (share.length != X25519.POINT_SIZE) {
            throw invalid("share is not 32 bytes");
        }
        byte[] body = stanza.body();
        if (!Primitives.isWrappedFileKeySize(body)) {
            throw invalid("wrapped file key has the wrong size");
        }
        byte[] shared = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(secret, 0, share, 0, shared, 0)) {
            // A low-order share makes the key public; no honest sender produces one.
            throw invalid("all-zero shared secret");
        }
        byte[] salt = X25519Recipient.concat(share, recipient.publicKey());
        byte[] wrappingKey = Primitives.hkdfSha256(shared, salt, X25519Recipient.LABEL);
        Arrays.fill(shared, (byte) 0);
        try {
            return Primitives.openFileKey(wrappingKey, body);
        } finally {
            Arrays.fill(wrappingKey, (byte) 0);
        }
    }

    private static AgeException invalid(String what) {
        return new AgeException(AgeException.Kind.HEADER, "invalid X25519 stanza: " + what);
    }

    @Override
    public String toString() {
        return "X25519Identity[" + recipient + "]";
    }

    /** Constant-time comparison of the secret scalars. */
    @Override
    public boolean equals(Object o) {
        return o instanceof X25519Identity other
                && org.bouncycastle.util.Arrays.constantTimeAreEqual(secret, other.secret);
    }

    @Override
    public int hashCode() {
        // Derived from the public key only, so hashing leaks nothing about the secret.
        return recipient.hashCode();
    }
}
