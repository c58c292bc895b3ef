package nl.klachtenbalie.crypto.age;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import nl.klachtenbalie.crypto.age.format.Stanza;
import nl.klachtenbalie.crypto.encoding.Bech32;
import nl.klachtenbalie.crypto.encoding.StrictBase64;

/**
 * A hybrid post-quantum age recipient ({@code mlkem768x25519}): an ML-KEM-768 + X25519 public key
 * (1216 bytes), written {@code age1pq1…} (about 1960 characters).
 *
 * <p>Wrapping is HPKE base mode with the KEM {@code MLKEM768-X25519} (id {@code 0x647a}),
 * HKDF-SHA256 and ChaCha20-Poly1305, info {@code "age-encryption.org/mlkem768x25519"}; the stanza
 * is {@code -> mlkem768x25519 b64(enc)} with the 32-byte sealed file key as body. The file key
 * stays secret unless <em>both</em> ML-KEM-768 and X25519 are broken.
 *
 * <p>The wrapping carries the label {@code postquantum}: {@link AgeEncrypter} refuses to put it in
 * a file together with a classic recipient, which would make the file only as strong as X25519.
 * Immutable; each {@link #wrap} draws fresh encapsulation randomness.
 */
public final class HybridRecipient implements Recipient {

    static final String HRP = "age1pq";
    static final String STANZA_TYPE = "mlkem768x25519";
    static final byte[] HPKE_INFO = "age-encryption.org/mlkem768x25519".getBytes(StandardCharsets.US_ASCII);
    static final int HPKE_KEM_ID = 0x647a;
    /** The label of every post-quantum recipient; classic ones have none. */
    public static final String LABEL_POSTQUANTUM = "postquantum";

    private final byte[] publicKey;

    private HybridRecipient(byte[] publicKey) {
        this.publicKey = publicKey;
    }

    /**
     * Parses an {@code age1pq1…} string: lower-case Bech32 (no length limit), human-readable part
     * {@code age1pq}, 1216 bytes.
     *
     * @throws IllegalArgumentException if it is anything else
     */
    public static HybridRecipient parse(String s) {
        if (!s.equals(s.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("malformed hybrid age recipient: must be lower case");
        }
        Bech32.Decoded decoded;
        try {
            decoded = Bech32.decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed hybrid age recipient: " + e.getMessage());
        }
        if (!decoded.hrp().equals(HRP)) {
            throw new IllegalArgumentException("malformed hybrid age recipient: not an age1pq1… key");
        }
        return fromPublicKey(decoded.data());
    }

    /**
     * @throws IllegalArgumentException unless {@code publicKey} is a 1216-byte ML-KEM-768
     *     encapsulation key (passing FIPS 203's modulus check) followed by an X25519 public key
     *     that is not a low-order point
     */
    public static HybridRecipient fromPublicKey(byte[] publicKey) {
        try {
            MlKem768X25519.checkPublicKey(publicKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed hybrid age recipient: " + e.getMessage());
        }
        return new HybridRecipient(publicKey.clone());
    }

    /** A copy of the 1216-byte public key (ML-KEM-768 encapsulation key ‖ X25519 public key). */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public WrappedFileKey wrap(byte[] fileKey, SecureRandom random) {
        if (fileKey.length != Primitives.FILE_KEY_SIZE) {
            throw new IllegalArgumentException("file key must be 16 bytes");
        }
        MlKem768X25519.Encapsulation encapsulation;
        try {
            encapsulation = MlKem768X25519.encapsulate(publicKey, random);
        } catch (MlKem768X25519.LowOrderPointException e) {
            // Unreachable: fromPublicKey refuses low-order X25519 keys.
            throw new IllegalStateException("hybrid recipient produced an all-zero X25519 shared secret", e);
        }
        byte[] sharedSecret = encapsulation.sharedSecret();
        HpkeBase hpke = HpkeBase.keySchedule(HPKE_KEM_ID, sharedSecret, HPKE_INFO);
        Arrays.fill(sharedSecret, (byte) 0);
        byte[] body = hpke.sealOnce(fileKey);
        Stanza stanza = new Stanza(STANZA_TYPE, List.of(StrictBase64.encodeUnpadded(encapsulation.enc())), body);
        return new WrappedFileKey(List.of(stanza), Set.of(LABEL_POSTQUANTUM));
    }

    /** The {@code age1pq1…} encoding. */
    @Override
    public String toString() {
        return Bech32.encode(HRP, publicKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HybridRecipient other && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }
}
