package nl.klachtenbalie.crypto.sign;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.Predicate;
import org.bouncycastle.util.encoders.Hex;

/**
 * An Ed25519 public key that is known to be valid: a canonical encoding of a point in the
 * prime-order subgroup (not of small order) — checked here, or, for {@link #fromStoredBytes}, when
 * the key was first accepted and stored. Immutable.
 *
 * <p>{@link #verify} is strict RFC 8032 verification of a {@link SignedMessage}: it checks the
 * context and deployment the caller expects, so a signature for any other purpose or deployment
 * is refused. It returns {@code false} for every malformed signature and never throws on attacker
 * data.
 */
public final class Ed25519PublicKey {

    /** Length of an encoded key in bytes. */
    public static final int LENGTH = StrictEd25519.KEY_SIZE;

    private final byte[] bytes;

    private Ed25519PublicKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Parses a 32-byte encoded key.
     *
     * @throws IllegalArgumentException if the length is wrong, the encoding is not canonical, or the
     *     point is not in the prime-order subgroup — callers handling untrusted input catch this
     */
    public static Ed25519PublicKey fromBytes(byte[] encoded) {
        return parse(encoded, StrictEd25519::isValidPublicKey);
    }

    /**
     * A key read back from this system's own store, where it was put only after {@link #fromBytes}
     * accepted it. Checks the length, the canonical encoding and that the point is not of small order
     * (Bouncy Castle's partial validation, a few microseconds), but not again its membership of the
     * prime-order subgroup (a scalar multiplication, ≈ 65 µs): the server reads a reporter's key on
     * every request, and repeating that check was a quarter of its signature work
     * (docs/benchmarks.md §1). Never for a key that arrives from outside: a mixed-order key passes
     * here, and verification under it could then disagree with the browser's.
     *
     * @throws IllegalArgumentException if the length is wrong, the encoding is not canonical, or the
     *     point is of small order
     */
    public static Ed25519PublicKey fromStoredBytes(byte[] encoded) {
        return parse(encoded, StrictEd25519::isPlausiblePublicKey);
    }

    private static Ed25519PublicKey parse(byte[] encoded, Predicate<byte[]> acceptable) {
        if (encoded == null || encoded.length != LENGTH) {
            throw new IllegalArgumentException("Ed25519 public key must be 32 bytes");
        }
        byte[] copy = encoded.clone();
        if (!acceptable.test(copy)) {
            throw new IllegalArgumentException("not a valid Ed25519 public key");
        }
        return new Ed25519PublicKey(copy);
    }

    /**
     * Parses 64 lower-case hex characters; upper case and any other spelling are refused so each key
     * has one textual form.
     *
     * @throws IllegalArgumentException as {@link #fromBytes}, or if the hex is not canonical
     */
    public static Ed25519PublicKey fromHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("Ed25519 public key must be 64 hex characters");
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new IllegalArgumentException("Ed25519 public key must be lower-case hex");
            }
        }
        return fromBytes(Hex.decode(hex));
    }

    /** The 32-byte encoding (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The encoding as lower-case hex. */
    public String hex() {
        return Hex.toHexString(bytes);
    }

    /**
     * Verifies {@code signature} over {@code SignedMessage.encode(context, deploymentId, parts)}.
     *
     * @return true only for a valid strict RFC 8032 signature; false for anything else, including a
     *     null or wrong-length signature, null parts, or a deployment id that cannot be encoded
     */
    public boolean verify(SignatureContext context, String deploymentId, byte[] signature, byte[]... parts) {
        byte[] message;
        try {
            message = SignedMessage.encode(context, deploymentId, parts);
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
        return StrictEd25519.verifyWithValidKey(bytes, signature, message);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519PublicKey other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[" + hex() + "]";
    }
}
