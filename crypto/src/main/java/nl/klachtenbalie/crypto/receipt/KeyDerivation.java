package nl.klachtenbalie.crypto.receipt;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The primitives of protocol §3: Argon2id stretches the receipt code into a seed, HKDF-SHA256
 * expands the seed into independent values, one label per purpose.
 */
public final class KeyDerivation {

    /** Length of the deployment salt in bytes. */
    public static final int SALT_LENGTH = 16;
    /** Length of the Argon2id seed in bytes. */
    public static final int SEED_LENGTH = 32;

    static final String LABEL_MAILBOX_ID = "klachtenbalie/v1/mailbox-id";
    static final String LABEL_SIGNING_KEY = "klachtenbalie/v1/mailbox-signing-key";
    static final String LABEL_REPLY_IDENTITY = "klachtenbalie/v1/reply-identity";
    static final String LABEL_REPLY_IDENTITY_PQ = "klachtenbalie/v1/reply-identity-pq";

    private KeyDerivation() {
    }

    /**
     * Argon2id (version 0x13) with no secret and no associated data.
     *
     * @return {@code outLength} bytes
     */
    public static byte[] argon2id(byte[] password, byte[] salt, Argon2Params params, int outLength) {
        return argon2id(password, salt, null, null, params, outLength);
    }

    /** Argon2id with the optional secret and associated data of RFC 9106 (used by its test vector). */
    static byte[] argon2id(byte[] password, byte[] salt, byte[] secret, byte[] ad, Argon2Params params, int outLength) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(params, "params");
        Argon2Parameters.Builder b = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(params.memoryKiB())
                .withIterations(params.iterations())
                .withParallelism(params.parallelism())
                .withSalt(salt);
        if (secret != null) {
            b.withSecret(secret);
        }
        if (ad != null) {
            b.withAdditional(ad);
        }
        Argon2Parameters p = b.build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(p);
        byte[] out = new byte[outLength];
        gen.generateBytes(password, out);
        p.clear();
        return out;
    }

    /** HKDF-SHA256 (RFC 5869), extract then expand. */
    public static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    /**
     * The receipt seed: Argon2id over the ASCII digits with the deployment salt and the parameters
     * of the code's scheme version. This is the root secret of everything the reporter holds.
     *
     * @throws IllegalArgumentException if the salt is not 16 bytes
     */
    public static byte[] receiptSeed(ReceiptCode code, byte[] deploymentSalt) {
        Objects.requireNonNull(code, "code");
        if (deploymentSalt == null || deploymentSalt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("deployment salt must be 16 bytes");
        }
        byte[] password = code.passwordBytes();
        try {
            return argon2id(password, deploymentSalt, Argon2Params.forVersion(code.version()), SEED_LENGTH);
        } finally {
            java.util.Arrays.fill(password, (byte) 0);
        }
    }

    /** {@code out(label, n)} of §3: HKDF-SHA256 with salt = ascii(deploymentId), info = ascii(label). */
    static byte[] out(byte[] seed, String deploymentId, String label, int length) {
        return hkdfSha256(seed, ascii(deploymentId), ascii(label), length);
    }

    /**
     * Checks a deployment id: 1–64 printable ASCII characters (0x21–0x7e), because §3 uses its ASCII
     * bytes as the HKDF salt and §4 its UTF-8 bytes in signatures — for ASCII they agree.
     */
    public static String checkDeploymentId(String deploymentId) {
        if (deploymentId == null || deploymentId.isEmpty() || deploymentId.length() > 64) {
            throw new IllegalArgumentException("deployment id must be 1..64 printable ASCII characters");
        }
        for (int i = 0; i < deploymentId.length(); i++) {
            char c = deploymentId.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("deployment id must be 1..64 printable ASCII characters");
            }
        }
        return deploymentId;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
