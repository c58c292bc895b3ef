package nl.klachtenbalie.crypto.event;

import java.time.LocalDate;
import java.util.List;
import nl.klachtenbalie.crypto.age.X25519Identity;
import nl.klachtenbalie.crypto.age.X25519Recipient;
import nl.klachtenbalie.crypto.bundle.BundleFixtures;
import nl.klachtenbalie.crypto.bundle.TeamBundlePayload;
import nl.klachtenbalie.crypto.receipt.ReceiptCode;
import nl.klachtenbalie.crypto.receipt.ReporterKeys;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;

/**
 * Deterministic event material for tests and the vector file: the team of
 * {@link BundleFixtures#payload} (anna and bo active, chris retired, dee compromised) and a
 * reporter whose keys are derived from a receipt code.
 */
public final class EventFixtures {

    public static final String DEPLOYMENT = BundleFixtures.DEPLOYMENT;
    public static final LocalDate DAY = BundleFixtures.ISSUED.plusDays(5);

    private EventFixtures() {
    }

    /** The bundle replies are checked against (version 4). */
    public static TeamBundlePayload bundle() {
        return BundleFixtures.payload(4);
    }

    /** A member's reply-signing key, as {@link BundleFixtures#member} lists it. */
    public static Ed25519PrivateKey memberKey(String id) {
        return Ed25519PrivateKey.fromSeed(BundleFixtures.fixedBytes("member " + id));
    }

    /** A member's age identity, as {@link BundleFixtures#recipient} lists it. */
    public static X25519Identity memberIdentity(String id) {
        return X25519Identity.fromSecretScalar(BundleFixtures.fixedBytes("x25519 " + id));
    }

    /** The team's active recipients. */
    public static List<X25519Recipient> team() {
        return bundle().recipients().stream().map(X25519Recipient::parse).toList();
    }

    /** A reporter from a receipt code drawn from a fixed stream (Argon2id: a fraction of a second). */
    public static ReporterKeys reporter(String label) {
        ReceiptCode code = ReceiptCode.generate(new TestRandom("receipt " + label));
        return ReporterKeys.derive(code, DEPLOYMENT, BundleFixtures.salt());
    }
}
