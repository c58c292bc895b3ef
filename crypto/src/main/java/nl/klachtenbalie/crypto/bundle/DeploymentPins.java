package nl.klachtenbalie.crypto.bundle;

import java.security.MessageDigest;
import java.util.Objects;
import nl.klachtenbalie.crypto.receipt.Argon2Params;
import nl.klachtenbalie.crypto.receipt.KeyDerivation;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;

/**
 * What a client has compiled in about its deployment: the deployment id, the team's root public
 * key, and the Argon2 salt and parameters. These are never taken from unsigned server data; a
 * signed bundle must repeat them exactly. Immutable.
 */
public final class DeploymentPins {

    private final String deploymentId;
    private final Ed25519PublicKey rootKey;
    private final byte[] argon2Salt;
    private final Argon2Params argon2Params;

    private DeploymentPins(String deploymentId, Ed25519PublicKey rootKey, byte[] argon2Salt, Argon2Params params) {
        this.deploymentId = deploymentId;
        this.rootKey = rootKey;
        this.argon2Salt = argon2Salt;
        this.argon2Params = params;
    }

    /**
     * @throws IllegalArgumentException for a bad deployment id (see
     *     {@link KeyDerivation#checkDeploymentId}) or a salt that is not 16 bytes
     */
    public static DeploymentPins of(String deploymentId, Ed25519PublicKey rootKey, byte[] argon2Salt,
            Argon2Params argon2Params) {
        KeyDerivation.checkDeploymentId(deploymentId);
        Objects.requireNonNull(rootKey, "rootKey");
        Objects.requireNonNull(argon2Params, "argon2Params");
        if (argon2Salt == null || argon2Salt.length != KeyDerivation.SALT_LENGTH) {
            throw new IllegalArgumentException("Argon2 salt must be 16 bytes");
        }
        return new DeploymentPins(deploymentId, rootKey, argon2Salt.clone(), argon2Params);
    }

    public String deploymentId() {
        return deploymentId;
    }

    public Ed25519PublicKey rootKey() {
        return rootKey;
    }

    /** The 16-byte salt (a copy). Public: the salt protects against precomputation, not guessing. */
    public byte[] argon2Salt() {
        return argon2Salt.clone();
    }

    public Argon2Params argon2Params() {
        return argon2Params;
    }

    /** The printed team fingerprint of the root key. */
    public String fingerprint() {
        return TeamFingerprint.of(rootKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeploymentPins p && deploymentId.equals(p.deploymentId) && rootKey.equals(p.rootKey)
                && MessageDigest.isEqual(argon2Salt, p.argon2Salt) && argon2Params.equals(p.argon2Params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deploymentId, rootKey);
    }

    @Override
    public String toString() {
        return "DeploymentPins[" + deploymentId + ", root " + fingerprint() + "]";
    }
}
