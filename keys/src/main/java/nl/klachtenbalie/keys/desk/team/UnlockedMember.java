package nl.klachtenbalie.keys.desk.team;

import javax.security.auth.Destroyable;
import java.util.List;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.crypto.bundle.Member;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;

/**
 * The member working at the desk, with the private keys loaded: the age identities that open
 * reports and the Ed25519 key that signs replies, internal events and outbox files. After the
 * post-quantum flag day (protocol §9.2) a member has two identities: the hybrid one the current
 * bundle lists, and the classic one kept for decrypting what was sent before the switch. Exists only
 * in memory, only in the {@code keys} module; {@link #destroy()} when the desk closes.
 */
public final class UnlockedMember implements Destroyable {

    private final Member member;
    private final long bundleVersion;
    private final List<Identity> identities;
    private final Ed25519PrivateKey signingKey;

    UnlockedMember(Member member, long bundleVersion, List<Identity> identities, Ed25519PrivateKey signingKey) {
        this.member = member;
        this.bundleVersion = bundleVersion;
        this.identities = List.copyOf(identities);
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

    /** The identity whose recipient the current bundle lists for this member. */
    public Identity identity() {
        return identities.get(0);
    }

    /**
     * Every identity of this member, the current one first: decrypt with all of them (the old
     * classic one opens what was encrypted before the flag day). Encrypt only to the bundle.
     */
    public List<Identity> identities() {
        return identities;
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
