package nl.klachtenbalie.crypto.receipt;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import javax.security.auth.Destroyable;
import nl.klachtenbalie.crypto.age.HybridIdentity;
import nl.klachtenbalie.crypto.encoding.Bech32;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.util.encoders.Hex;

/**
 * Everything a reporter holds, derived from the receipt code (protocol §3): the mailbox id, the
 * mailbox signing key and the reply identities — classic X25519 and hybrid post-quantum
 * ({@code mlkem768x25519}), each from its own HKDF label. Deriving costs one Argon2id run
 * (m = 19 MiB).
 *
 * <p>{@link #toString()} shows only the mailbox id (which the server knows anyway);
 * {@link #destroy()} zeroes the secrets. The reply identity is exported only through methods whose
 * names say "Secret" or "Identity", so a grep finds every place it leaves this object.
 */
public final class ReporterKeys implements Destroyable {

    private static final int MAILBOX_ID_LENGTH = 16;

    private final byte[] mailboxId;
    private final Ed25519PrivateKey signingKey;
    private final byte[] replyIdentitySecret;
    private final String replyRecipient;
    private final byte[] replyHybridSeed;
    private final String replyHybridRecipient;
    private volatile boolean destroyed;

    private ReporterKeys(byte[] mailboxId, Ed25519PrivateKey signingKey, byte[] replyIdentitySecret,
                         byte[] replyHybridSeed) {
        this.mailboxId = mailboxId;
        this.signingKey = signingKey;
        this.replyIdentitySecret = replyIdentitySecret;
        byte[] pub = new byte[X25519.POINT_SIZE];
        X25519.scalarMultBase(replyIdentitySecret, 0, pub, 0);
        this.replyRecipient = Bech32.encode("age", pub);
        this.replyHybridSeed = replyHybridSeed;
        this.replyHybridRecipient = HybridIdentity.fromSeed(replyHybridSeed).recipient().toString();
    }

    /**
     * Derives the reporter's keys.
     *
     * @param deploymentId the pinned deployment id (see {@link KeyDerivation#checkDeploymentId})
     * @param deploymentSalt the pinned 16-byte Argon2 salt
     */
    public static ReporterKeys derive(ReceiptCode code, String deploymentId, byte[] deploymentSalt) {
        KeyDerivation.checkDeploymentId(deploymentId);
        byte[] seed = KeyDerivation.receiptSeed(code, deploymentSalt);
        try {
            return fromSeed(seed, deploymentId);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** The HKDF half of the derivation, from an Argon2id seed; for tests and vectors. */
    static ReporterKeys fromSeed(byte[] seed, String deploymentId) {
        KeyDerivation.checkDeploymentId(deploymentId);
        byte[] mailboxId = KeyDerivation.out(seed, deploymentId, KeyDerivation.LABEL_MAILBOX_ID, MAILBOX_ID_LENGTH);
        byte[] signingSeed = KeyDerivation.out(seed, deploymentId, KeyDerivation.LABEL_SIGNING_KEY, 32);
        byte[] reply = KeyDerivation.out(seed, deploymentId, KeyDerivation.LABEL_REPLY_IDENTITY, 32);
        byte[] replyPq = KeyDerivation.out(seed, deploymentId, KeyDerivation.LABEL_REPLY_IDENTITY_PQ, 32);
        try {
            return new ReporterKeys(mailboxId, Ed25519PrivateKey.fromSeed(signingSeed), reply, replyPq);
        } finally {
            Arrays.fill(signingSeed, (byte) 0);
        }
    }

    /** The 16-byte mailbox id (a copy). Not secret from the server, but links all of one reporter's events. */
    public byte[] mailboxId() {
        return mailboxId.clone();
    }

    /** The mailbox id as 32 lower-case hex characters, as sent to the server. */
    public String mailboxIdHex() {
        return Hex.toHexString(mailboxId);
    }

    /** The mailbox signing key; destroying these keys destroys it too. */
    public Ed25519PrivateKey signingKey() {
        checkNotDestroyed();
        return signingKey;
    }

    /**
     * The raw 32-byte X25519 scalar of the reply identity (a copy). Secret: whoever holds it reads
     * every reply to this reporter.
     */
    public byte[] replyIdentitySecret() {
        checkNotDestroyed();
        return replyIdentitySecret.clone();
    }

    /** The reply recipient, {@code age1…}: the public half, which the team encrypts replies to. */
    public String replyRecipient() {
        return replyRecipient;
    }

    /**
     * The reply identity as an age secret key string, {@code AGE-SECRET-KEY-1…}. age stores the raw
     * scalar (X25519 clamps it when used), upper case. Secret, like {@link #replyIdentitySecret()}.
     */
    public String replyIdentityString() {
        checkNotDestroyed();
        return Bech32.encode("AGE-SECRET-KEY-", replyIdentitySecret).toUpperCase(Locale.ROOT);
    }

    /**
     * The hybrid post-quantum reply recipient, {@code age1pq1…}: what the team encrypts replies to
     * once the reporter has announced it (protocol §9).
     */
    public String replyHybridRecipient() {
        return replyHybridRecipient;
    }

    /**
     * The hybrid reply identity, from the 32-byte seed {@code out("klachtenbalie/v1/reply-identity-pq", 32)}.
     * Secret: whoever holds it reads every hybrid reply. A fresh object per call, which
     * {@link #destroy()} cannot reach: callers keep it no longer than one decryption.
     */
    public HybridIdentity replyHybridIdentity() {
        checkNotDestroyed();
        return HybridIdentity.fromSeed(replyHybridSeed);
    }

    /** The hybrid reply identity as {@code AGE-SECRET-KEY-PQ-1…}. Secret. */
    public String replyHybridIdentityString() {
        checkNotDestroyed();
        return Bech32.encode("AGE-SECRET-KEY-PQ-", replyHybridSeed).toUpperCase(Locale.ROOT);
    }

    private void checkNotDestroyed() {
        if (destroyed) {
            throw new IllegalStateException("keys destroyed");
        }
    }

    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(replyIdentitySecret, (byte) 0);
        Arrays.fill(replyHybridSeed, (byte) 0);
        signingKey.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** Equal if they open the same mailbox with the same keys; constant-time over the secrets. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ReporterKeys other
                && MessageDigest.isEqual(mailboxId, other.mailboxId)
                && MessageDigest.isEqual(replyIdentitySecret, other.replyIdentitySecret)
                && MessageDigest.isEqual(replyHybridSeed, other.replyHybridSeed)
                && signingKey.publicKey().equals(other.signingKey.publicKey());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mailboxId);
    }

    @Override
    public String toString() {
        return "ReporterKeys[mailbox=" + mailboxIdHex() + "]";
    }
}
