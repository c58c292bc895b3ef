package nl.klachtenbalie.crypto.age;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.klachtenbalie.crypto.age.format.Stanza;
import nl.klachtenbalie.crypto.encoding.Bech32;
import nl.klachtenbalie.crypto.encoding.StrictBase64;

/**
 * A hybrid post-quantum age identity ({@code mlkem768x25519}): a 32-byte seed, written
 * {@code AGE-SECRET-KEY-PQ-1…}, from which the ML-KEM-768 and X25519 keys are expanded with
 * SHAKE256 (see {@link MlKem768X25519}).
 *
 * <p>Immutable. {@link #toString()} shows only the public recipient, abbreviated; the seed leaves
 * this object only through {@link #toSecretString()}, a name meant to be easy to find in review.
 */
public final class HybridIdentity implements Identity {

    static final String HRP = "age-secret-key-pq-";

    private final byte[] seed;
    private final MlKem768X25519.KeyPair keys;
    private final HybridRecipient recipient;

    private HybridIdentity(byte[] seed) {
        this.seed = seed;
        this.keys = MlKem768X25519.expand(seed);
        this.recipient = HybridRecipient.fromPublicKey(keys.publicKey());
    }

    /** A new random identity. */
    public static HybridIdentity generate(SecureRandom random) {
        byte[] seed = new byte[MlKem768X25519.SEED_SIZE];
        random.nextBytes(seed);
        return new HybridIdentity(seed);
    }

    /**
     * An identity from a 32-byte seed derived elsewhere (for example a reporter's hybrid reply key
     * from the receipt code). The bytes are copied.
     */
    public static HybridIdentity fromSeed(byte[] seed) {
        if (seed.length != MlKem768X25519.SEED_SIZE) {
            throw new IllegalArgumentException("hybrid identity seed must be 32 bytes");
        }
        return new HybridIdentity(seed.clone());
    }

    /**
     * Parses {@code AGE-SECRET-KEY-PQ-1…}: upper-case Bech32 with a 32-byte payload. Error messages
     * never repeat the input, which is a secret.
     *
     * @throws IllegalArgumentException if the string is not such a key
     */
    public static HybridIdentity parse(String s) {
        if (!s.equals(s.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("malformed hybrid age identity: must be upper case");
        }
        Bech32.Decoded decoded;
        try {
            decoded = Bech32.decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed hybrid age identity: invalid Bech32");
        }
        if (!decoded.hrp().equals(HRP)) {
            throw new IllegalArgumentException("malformed hybrid age identity: not an AGE-SECRET-KEY-PQ-1… key");
        }
        byte[] data = decoded.data();
        try {
            return fromSeed(data);
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    /** The recipient that files for this identity are encrypted to. */
    public HybridRecipient recipient() {
        return recipient;
    }

    /** The secret key in age's text form. Treat the result as the key itself. */
    public String toSecretString() {
        return Bech32.encode(HRP, seed).toUpperCase(Locale.ROOT);
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
        if (!stanza.type().equals(HybridRecipient.STANZA_TYPE)) {
            return Optional.empty();
        }
        if (stanza.args().size() != 1) {
            throw invalid("wrong number of arguments");
        }
        byte[] enc;
        try {
            enc = StrictBase64.decodeUnpadded(stanza.args().get(0));
        } catch (IllegalArgumentException e) {
            throw invalid("enc is not canonical base64");
        }
        if (enc.length != MlKem768X25519.ENC_SIZE) {
            throw invalid("enc is not " + MlKem768X25519.ENC_SIZE + " bytes");
        }
        byte[] body = stanza.body();
        if (!Primitives.isWrappedFileKeySize(body)) {
            // Checked before decrypting, so a longer "file key" is a malformed file, not a mismatch.
            throw invalid("wrapped file key has the wrong size");
        }
        byte[] sharedSecret;
        try {
            sharedSecret = MlKem768X25519.decapsulate(keys, enc);
        } catch (MlKem768X25519.LowOrderPointException e) {
            // A low-order X25519 share makes that half of the secret public; no honest sender produces one.
            throw invalid("all-zero X25519 shared secret");
        }
        HpkeBase hpke = HpkeBase.keySchedule(HybridRecipient.HPKE_KEM_ID, sharedSecret, HybridRecipient.HPKE_INFO);
        Arrays.fill(sharedSecret, (byte) 0);
        // A corrupted ML-KEM ciphertext decapsulates (implicit rejection) to an unrelated secret,
        // so it fails here as "not mine", like a stanza for someone else.
        return hpke.openOnce(body);
    }

    private static AgeException invalid(String what) {
        return new AgeException(AgeException.Kind.HEADER, "invalid mlkem768x25519 stanza: " + what);
    }

    @Override
    public String toString() {
        String r = recipient.toString();
        return "HybridIdentity[" + r.substring(0, 16) + "…" + r.substring(r.length() - 8) + "]";
    }

    /** Constant-time comparison of the seeds. */
    @Override
    public boolean equals(Object o) {
        return o instanceof HybridIdentity other
                && org.bouncycastle.util.Arrays.constantTimeAreEqual(seed, other.seed);
    }

    @Override
    public int hashCode() {
        // Derived from the public key only, so hashing leaks nothing about the secret.
        return recipient.hashCode();
    }
}
