package nl.klachtenbalie.crypto.bundle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.klachtenbalie.crypto.encoding.Bech32;
import nl.klachtenbalie.crypto.receipt.Argon2Params;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** Deterministic bundle material for tests and the vector file: every key comes from a fixed label. */
public final class BundleFixtures {

    public static final String DEPLOYMENT = "klachtenbalie-test";
    public static final LocalDate ISSUED = LocalDate.of(2026, 3, 1);
    public static final LocalDate EXPIRES = ISSUED.plusDays(75);

    private BundleFixtures() {
    }

    /** 32 bytes = SHA-256("klachtenbalie test fixture " ‖ label). */
    public static byte[] fixedBytes(String label) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(("klachtenbalie test fixture " + label).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Ed25519PrivateKey rootKey() {
        return Ed25519PrivateKey.fromSeed(fixedBytes("root"));
    }

    public static byte[] salt() {
        byte[] s = new byte[16];
        System.arraycopy(fixedBytes("salt"), 0, s, 0, 16);
        return s;
    }

    public static DeploymentPins pins() {
        return DeploymentPins.of(DEPLOYMENT, rootKey().publicKey(), salt(), Argon2Params.V1);
    }

    public static String recipient(String label) {
        byte[] pub = new byte[32];
        X25519.scalarMultBase(fixedBytes("x25519 " + label), 0, pub, 0);
        return Bech32.encode("age", pub);
    }

    public static String hybridRecipient(String label) {
        return nl.klachtenbalie.crypto.age.HybridIdentity.fromSeed(fixedBytes("hybrid " + label)).recipient().toString();
    }

    /**
     * A valid all-hybrid payload (after the flag day, §9.2): {@code active} active members with
     * hybrid recipients, plus a retired member who keeps its classic recipient.
     */
    public static TeamBundlePayload hybridPayload(long version, int active) {
        List<Member> members = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < active; i++) {
            String id = "pq" + i;
            Member m = new Member(id, hybridRecipient(id),
                    Ed25519PrivateKey.fromSeed(fixedBytes("member " + id)).publicKey(), MemberStatus.ACTIVE,
                    ISSUED.minusDays(30));
            members.add(m);
            recipients.add(m.recipient());
        }
        if (active < 64) {
            members.add(member("chris", MemberStatus.RETIRED));
        }
        return new TeamBundlePayload(DEPLOYMENT, version, ISSUED, EXPIRES, rootKey().publicKey(), salt(),
                Argon2Params.V1, recipients, members, Map.of());
    }

    public static Member member(String id, MemberStatus status) {
        return new Member(id, recipient(id), Ed25519PrivateKey.fromSeed(fixedBytes("member " + id)).publicKey(),
                status, ISSUED.minusDays(30));
    }

    /** A valid payload with two active members, one retired and one compromised. */
    public static TeamBundlePayload payload(long version) {
        return payload(DEPLOYMENT, version, ISSUED, EXPIRES);
    }

    public static TeamBundlePayload payload(String deployment, long version, LocalDate issued, LocalDate expires) {
        List<Member> members = List.of(member("anna", MemberStatus.ACTIVE), member("bo", MemberStatus.ACTIVE),
                member("chris", MemberStatus.RETIRED), member("dee", MemberStatus.COMPROMISED));
        List<String> recipients = new ArrayList<>();
        for (Member m : members) {
            if (m.status() == MemberStatus.ACTIVE) {
                recipients.add(m.recipient());
            }
        }
        Map<String, String> assets = new TreeMap<>();
        assets.put("index.html", "sha256-" + java.util.Base64.getEncoder().encodeToString(fixedBytes("index")));
        assets.put("report.entry.js", "sha256-" + java.util.Base64.getEncoder().encodeToString(fixedBytes("js")));
        return new TeamBundlePayload(deployment, version, issued, expires, rootKey().publicKey(), salt(),
                Argon2Params.V1, recipients, members, assets);
    }
}
