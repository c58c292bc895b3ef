package nl.klachtenbalie.crypto.age;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import nl.klachtenbalie.crypto.age.format.Stanza;
import nl.klachtenbalie.crypto.encoding.Bech32;
import nl.klachtenbalie.crypto.encoding.StrictBase64;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * A classic age recipient: an X25519 public key, written {@code age1…}.
 *
 * <p>Immutable. Each {@link #wrap} draws a fresh ephemeral key, so two files for the same
 * recipient share nothing an observer could link.
 */
public final class X25519Recipient implements Recipient {

    static final String HRP = "age";
    static final String STANZA_TYPE = "X25519";
    static final String LABEL = "age-encryption.org/v1/X25519";

    private final byte[] publicKey;

    private X25519Recipient(byte[] publicKey) {
        this.publicKey = publicKey;
    }

    /**
     * Parses an {@code age1…} string: lower-case Bech32, human-readable part {@code age}, 32 bytes.
     *
     * @throws IllegalArgumentException if it is anything else
     */
    public static X25519Recipient parse(String s) {
        if (!s.equals(s.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("malformed age recipient: must be lower case");
        }
        Bech32.Decoded decoded;
        try {
            decoded = Bech32.decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed age recipient: " + e.getMessage());
        }
        if (!decoded.hrp().equals(HRP)) {
            throw new IllegalArgumentException("malformed age recipient: not an age1… key");
        }
        return fromPublicKey(decoded.data());
    }

    /**
     * @throws IllegalArgumentException unless {@code publicKey} is 32 bytes and not a low-order
     *     point (which would make every shared secret all-zero, i.e. public)
     */
    public static X25519Recipient fromPublicKey(byte[] publicKey) {
        if (publicKey.length != X25519.POINT_SIZE) {
            throw new IllegalArgumentException("malformed age recipient: public key must be 32 bytes");
        }
        // A clamped scalar is a multiple of the cofactor, so it maps exactly the low-order points to zero.
        byte[] probe = new byte[X25519.SCALAR_SIZE];
        probe[0] = 1;
        if (!X25519.calculateAgreement(probe, 0, publicKey, 0, new byte[X25519.POINT_SIZE], 0)) {
            throw new IllegalArgumentException("malformed age recipient: low-order public key");
        }
        return new X25519Recipient(publicKey.clone());
    }

    /** A copy of the 32-byte public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public WrappedFileKey wrap(byte[] fileKey, SecureRandom random) {
        byte[] ephemeral = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(random, ephemeral);
        byte[] share = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(ephemeral, 0, share, 0);
        byte[] shared = new byte[X25519.POINT_SIZE];
        boolean ok = X25519.calculateAgreement(ephemeral, 0, publicKey, 0, shared, 0);
        Arrays.fill(ephemeral, (byte) 0);
        if (!ok) {
            throw new IllegalStateException("X25519 recipient produced an all-zero shared secret");
        }
        byte[] wrappingKey = Primitives.hkdfSha256(shared, concat(share, publicKey), LABEL);
        Arrays.fill(shared, (byte) 0);
        byte[] body = Primitives.sealFileKey(wrappingKey, fileKey);
        Arrays.fill(wrappingKey, (byte) 0);
        Stanza stanza = new Stanza(STANZA_TYPE, List.of(StrictBase64.encodeUnpadded(share)), body);
        return WrappedFileKey.unlabeled(List.of(stanza));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The {@code age1…} encoding. */
    @Override
    public String toString() {
        return Bech32.encode(HRP, publicKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof X25519Recipient other && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }
}
