package nl.klachtenbalie.keys.team;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import nl.klachtenbalie.crypto.age.HybridIdentity;
import nl.klachtenbalie.crypto.age.X25519Identity;
import nl.klachtenbalie.crypto.bundle.Member;
import nl.klachtenbalie.crypto.bundle.MemberStatus;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;

/**
 * A member's private key files: generated here, sealed with the member's passphrase and written once
 * ({@code members/<id>.identity.age}, {@code .signing.age}, and on the flag day {@code .identity-pq.age}).
 * The clear text of a key exists only inside one method and is wiped before it returns.
 */
final class MemberKeys {

    private final SecureRandom random;
    private final Clock clock;

    MemberKeys(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    /** Fresh age identity and reply-signing key for {@code id}; returns the public member entry. */
    Member create(TeamDirectory team, String deployment, String id, char[] passphrase, boolean hybrid) throws IOException {
        String recipient;
        byte[] identityText;
        if (hybrid) {
            HybridIdentity identity = HybridIdentity.generate(random);
            recipient = identity.recipient().toString();
            identityText = identityText(id, deployment, recipient, identity.toSecretString(), true);
        } else {
            X25519Identity identity = X25519Identity.generate(random);
            recipient = identity.recipient().toString();
            identityText = identityText(id, deployment, recipient, identity.toSecretString(), false);
        }
        byte[] seed = new byte[Ed25519PrivateKey.SEED_LENGTH];
        random.nextBytes(seed);
        Ed25519PrivateKey signing = Ed25519PrivateKey.fromSeed(seed);
        byte[] signingText = null;
        try {
            signingText = ("# klachtenbalie reply-signing key of member " + id + ", deployment " + deployment
                    + "\n# created: " + today() + "\n"
                    + "# public key: " + signing.publicKey().hex() + "\n"
                    + SealedKeys.seedLine(SealedKeys.SIGNING_HRP, seed) + "\n").getBytes(StandardCharsets.US_ASCII);
            TeamDirectory.writeSecretNew(team.memberIdentity(id), SealedKeys.seal(identityText, passphrase, random));
            TeamDirectory.writeSecretNew(team.memberSigningKey(id), SealedKeys.seal(signingText, passphrase, random));
            return new Member(id, recipient, signing.publicKey(), MemberStatus.ACTIVE, today());
        } finally {
            Arrays.fill(identityText, (byte) 0);
            if (signingText != null) {
                Arrays.fill(signingText, (byte) 0);
            }
            Arrays.fill(seed, (byte) 0);
            signing.destroy();
        }
    }

    /** A new hybrid identity for an existing member (the flag day); returns its recipient. */
    String createHybridIdentity(TeamDirectory team, String deployment, String id, char[] passphrase) throws IOException {
        HybridIdentity identity = HybridIdentity.generate(random);
        String recipient = identity.recipient().toString();
        byte[] text = identityText(id, deployment, recipient, identity.toSecretString(), true);
        try {
            TeamDirectory.writeSecretNew(team.memberHybridIdentity(id), SealedKeys.seal(text, passphrase, random));
        } finally {
            Arrays.fill(text, (byte) 0);
        }
        return recipient;
    }

    private byte[] identityText(String id, String deployment, String recipient, String secret, boolean hybrid) {
        return ("# klachtenbalie age identity of member " + id + ", deployment " + deployment
                + (hybrid ? " (post-quantum hybrid, mlkem768x25519)" : "") + "\n"
                + "# created: " + today() + "\n"
                + "# public key: " + recipient + "\n"
                + secret + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
