package nl.klachtenbalie.crypto.age;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMExtractor;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMGenerator;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPrivateKeyParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPublicKeyParameters;

/**
 * The hybrid KEM {@code MLKEM768-X25519} that age's {@code mlkem768x25519} recipient uses (HPKE KEM
 * id {@code 0x647a}; the same construction as X-Wing), composed from Bouncy Castle primitives:
 *
 * <pre>
 * expanded  = SHAKE256(seed, 96)                         seed: 32 bytes
 * (ek_M, dk_M) = ML-KEM-768.KeyGen_internal(d = expanded[0..32], z = expanded[32..64])
 * sk_X      = expanded[64..96],   pk_X = X25519(sk_X, 9)
 * pk        = ek_M ‖ pk_X                                1184 + 32 = 1216 bytes
 * encaps:     (ss_M, ct_M) = ML-KEM-768.Encaps(ek_M);  e random, ct_X = X25519(e, 9), ss_X = X25519(e, pk_X)
 * decaps:     ss_M = ML-KEM-768.Decaps(dk_M, ct_M);  ss_X = X25519(sk_X, ct_X)
 * enc       = ct_M ‖ ct_X                                1088 + 32 = 1120 bytes
 * ss        = SHA3-256(ss_M ‖ ss_X ‖ ct_X ‖ pk_X ‖ "\.//^\")
 * </pre>
 *
 * An all-zero X25519 shared secret (a low-order {@code ct_X} or {@code pk_X}) is refused, as age
 * and the HPKE KEM specification require. Package-private: only the hybrid recipient types use it.
 */
final class MlKem768X25519 {

    static final int SEED_SIZE = 32;
    static final int MLKEM_PUBLIC_KEY_SIZE = 1184;
    static final int MLKEM_CIPHERTEXT_SIZE = 1088;
    static final int PUBLIC_KEY_SIZE = MLKEM_PUBLIC_KEY_SIZE + X25519.POINT_SIZE;
    static final int ENC_SIZE = MLKEM_CIPHERTEXT_SIZE + X25519.POINT_SIZE;
    static final int SHARED_SECRET_SIZE = 32;

    private static final MLKEMParameters PARAMS = MLKEMParameters.ml_kem_768;
    private static final byte[] COMBINER_LABEL = "\\.//^\\".getBytes(StandardCharsets.US_ASCII);

    /** Thrown when an X25519 step yields the all-zero shared secret. */
    static final class LowOrderPointException extends Exception {
        private static final long serialVersionUID = 1L;

        LowOrderPointException() {
            super("all-zero X25519 shared secret");
        }
    }

    /** The expanded private key: ML-KEM decapsulation key, X25519 scalar and the public key. */
    record KeyPair(MLKEMPrivateKeyParameters mlkem, byte[] x25519Secret, byte[] publicKey) {
    }

    private MlKem768X25519() {
    }

    /** Expands a 32-byte seed into the key pair; the caller wipes {@code x25519Secret} when done. */
    static KeyPair expand(byte[] seed) {
        if (seed.length != SEED_SIZE) {
            throw new IllegalArgumentException("MLKEM768-X25519 seed must be 32 bytes");
        }
        SHAKEDigest shake = new SHAKEDigest(256);
        shake.update(seed, 0, seed.length);
        byte[] expanded = new byte[64 + X25519.SCALAR_SIZE];
        shake.doFinal(expanded, 0, expanded.length);
        try {
            MLKEMPrivateKeyParameters mlkem = new MLKEMPrivateKeyParameters(PARAMS, Arrays.copyOf(expanded, 64));
            byte[] x25519Secret = Arrays.copyOfRange(expanded, 64, expanded.length);
            byte[] pkX = new byte[X25519.POINT_SIZE];
            X25519.scalarMultBase(x25519Secret, 0, pkX, 0);
            byte[] pkM = mlkem.getPublicKey();
            byte[] publicKey = Arrays.copyOf(pkM, PUBLIC_KEY_SIZE);
            System.arraycopy(pkX, 0, publicKey, MLKEM_PUBLIC_KEY_SIZE, pkX.length);
            return new KeyPair(mlkem, x25519Secret, publicKey);
        } finally {
            Arrays.fill(expanded, (byte) 0);
        }
    }

    /**
     * Checks that {@code publicKey} is 1216 bytes whose ML-KEM part passes FIPS 203's encapsulation
     * key check (every coefficient reduced mod q) and whose X25519 part is not a low-order point.
     *
     * @throws IllegalArgumentException otherwise
     */
    static void checkPublicKey(byte[] publicKey) {
        if (publicKey.length != PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("public key must be " + PUBLIC_KEY_SIZE + " bytes");
        }
        byte[] pkM = Arrays.copyOf(publicKey, MLKEM_PUBLIC_KEY_SIZE);
        // FIPS 203 §7.2 modulus check: 12-bit coefficients of t must be < q = 3329.
        int polyBytes = MLKEM_PUBLIC_KEY_SIZE - 32;
        for (int i = 0; i < polyBytes; i += 3) {
            int b0 = pkM[i] & 0xff;
            int b1 = pkM[i + 1] & 0xff;
            int b2 = pkM[i + 2] & 0xff;
            int c0 = b0 | ((b1 & 0x0f) << 8);
            int c1 = (b1 >>> 4) | (b2 << 4);
            if (c0 >= 3329 || c1 >= 3329) {
                throw new IllegalArgumentException("ML-KEM-768 encapsulation key is not canonical");
            }
        }
        new MLKEMPublicKeyParameters(PARAMS, pkM);
        byte[] probe = new byte[X25519.SCALAR_SIZE];
        probe[0] = 1;
        if (!X25519.calculateAgreement(probe, 0, publicKey, MLKEM_PUBLIC_KEY_SIZE, new byte[X25519.POINT_SIZE], 0)) {
            throw new IllegalArgumentException("X25519 part is a low-order point");
        }
    }

    /** Encapsulation result: the 1120-byte {@code enc} and the 32-byte shared secret. */
    record Encapsulation(byte[] enc, byte[] sharedSecret) {
    }

    /** Encapsulates to a public key already checked by {@link #checkPublicKey}. */
    static Encapsulation encapsulate(byte[] publicKey, SecureRandom random) throws LowOrderPointException {
        byte[] pkM = Arrays.copyOf(publicKey, MLKEM_PUBLIC_KEY_SIZE);
        byte[] pkX = Arrays.copyOfRange(publicKey, MLKEM_PUBLIC_KEY_SIZE, PUBLIC_KEY_SIZE);
        SecretWithEncapsulation mlkem = new MLKEMGenerator(random)
                .generateEncapsulated(new MLKEMPublicKeyParameters(PARAMS, pkM));
        byte[] ssM = mlkem.getSecret();
        byte[] ctM = mlkem.getEncapsulation();
        byte[] ephemeral = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(random, ephemeral);
        byte[] ctX = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(ephemeral, 0, ctX, 0);
        byte[] ssX = new byte[X25519.POINT_SIZE];
        boolean ok = X25519.calculateAgreement(ephemeral, 0, pkX, 0, ssX, 0);
        Arrays.fill(ephemeral, (byte) 0);
        try {
            if (!ok) {
                throw new LowOrderPointException();
            }
            byte[] enc = Arrays.copyOf(ctM, ENC_SIZE);
            System.arraycopy(ctX, 0, enc, MLKEM_CIPHERTEXT_SIZE, ctX.length);
            return new Encapsulation(enc, combine(ssM, ssX, ctX, pkX));
        } finally {
            Arrays.fill(ssM, (byte) 0);
            Arrays.fill(ssX, (byte) 0);
        }
    }

    /** Decapsulates a 1120-byte {@code enc}. ML-KEM rejects implicitly: a bad {@code ct_M} gives a wrong secret. */
    static byte[] decapsulate(KeyPair keys, byte[] enc) throws LowOrderPointException {
        if (enc.length != ENC_SIZE) {
            throw new IllegalArgumentException("enc must be " + ENC_SIZE + " bytes");
        }
        byte[] ctM = Arrays.copyOf(enc, MLKEM_CIPHERTEXT_SIZE);
        byte[] ctX = Arrays.copyOfRange(enc, MLKEM_CIPHERTEXT_SIZE, ENC_SIZE);
        byte[] pkX = Arrays.copyOfRange(keys.publicKey(), MLKEM_PUBLIC_KEY_SIZE, PUBLIC_KEY_SIZE);
        byte[] ssX = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(keys.x25519Secret(), 0, ctX, 0, ssX, 0)) {
            throw new LowOrderPointException();
        }
        byte[] ssM = new MLKEMExtractor(keys.mlkem()).extractSecret(ctM);
        try {
            return combine(ssM, ssX, ctX, pkX);
        } finally {
            Arrays.fill(ssM, (byte) 0);
            Arrays.fill(ssX, (byte) 0);
        }
    }

    private static byte[] combine(byte[] ssM, byte[] ssX, byte[] ctX, byte[] pkX) {
        SHA3Digest sha3 = new SHA3Digest(256);
        for (byte[] part : new byte[][] {ssM, ssX, ctX, pkX, COMBINER_LABEL}) {
            sha3.update(part, 0, part.length);
        }
        byte[] out = new byte[SHARED_SECRET_SIZE];
        sha3.doFinal(out, 0);
        return out;
    }
}
