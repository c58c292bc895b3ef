package nl.klachtenbalie.keys.desk.team;

import javax.security.auth.Destroyable;
import nl.klachtenbalie.crypto.age.X25519Identity;
import nl.klachtenbalie.crypto.bundle.Member;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;

/**
 * The member working at the desk, with both private keys loaded: the age identity that opens
 * reports and the Ed25519 key that signs replies, internal events and outbox files. Exists only
 * in memory, only in the {@code keys} module; {@link #destroy()} when the desk closes.
 */
public final class UnlockedMember implements Destroyable {

    private final Member member;
    private final long bundleVersion;
    private final X25519Identity identity;
    private final Ed25519PrivateKey signingKey;

    UnlockedMember(Member member, long bundleVersion, X25519Identity identity, Ed25519PrivateKey signingKey) {
        this.member = member;
        this.bundleVersion = bundleVersion;
        this.identity = identity;
        this.signingKey = signingKey;
    }

    public String id() {
        return member.id();
    }

    /** The bundle entry this member was found in (the current bundle). */
    public Member member() {
        return member;
    }

    public long bundleVersion() {
        return bundleVersion;
    }

    public X25519Identity identity() {
        return identity;
    }

    public Ed25519PrivateKey signingKey() {
        return signingKey;
    }

    @Override
    public void destroy() {
        signingKey.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return signingKey.isDestroyed();
    }

    @Override
    public String toString() {
        return "UnlockedMember[" + member.id() + "]";
    }
}
