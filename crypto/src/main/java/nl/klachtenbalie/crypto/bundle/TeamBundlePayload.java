package nl.klachtenbalie.crypto.bundle;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import nl.klachtenbalie.crypto.json.JsonParser;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import nl.klachtenbalie.crypto.receipt.Argon2Params;
import nl.klachtenbalie.crypto.receipt.KeyDerivation;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;

/**
 * The signed content of a team bundle (protocol §6). Every instance is valid by construction: the
 * constructor enforces the same rules as the verifier, so a signer cannot produce a bundle the
 * browser would refuse as malformed.
 *
 * <p>Rules: version 1..2^53−1; {@code expires} 60–90 days after {@code issued}; a 16-byte salt;
 * 1–64 members with distinct ids, signing keys and recipients; the recipients are exactly the
 * active members' recipients (so a retired or compromised member never receives a new report);
 * at most 1024 assets, each a relative path mapped to {@code sha256-<b64 of 32 bytes>}.
 */
public record TeamBundlePayload(
        String deployment,
        long version,
        LocalDate issued,
        LocalDate expires,
        Ed25519PublicKey rootKey,
        byte[] argon2Salt,
        Argon2Params argon2Params,
        List<String> recipients,
        List<Member> members,
        Map<String, String> assets) {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "klachtenbalie-team-bundle/v1";

    static final int MIN_VALIDITY_DAYS = 60;
    static final int MAX_VALIDITY_DAYS = 90;
    static final int MAX_MEMBERS = 64;
    static final int MAX_ASSETS = 1024;

    public TeamBundlePayload {
        KeyDerivation.checkDeploymentId(deployment);
        if (version < 1 || version > JsonParser.MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException("version must be 1..2^53-1");
        }
        Objects.requireNonNull(issued, "issued");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(rootKey, "rootKey");
        Objects.requireNonNull(argon2Params, "argon2Params");
        checkYear(issued);
        checkYear(expires);
        long days = ChronoUnit.DAYS.between(issued, expires);
        if (days < MIN_VALIDITY_DAYS || days > MAX_VALIDITY_DAYS) {
            throw new IllegalArgumentException("expires must be 60..90 days after issued");
        }
        if (argon2Salt == null || argon2Salt.length != KeyDerivation.SALT_LENGTH) {
            throw new IllegalArgumentException("Argon2 salt must be 16 bytes");
        }
        argon2Salt = argon2Salt.clone();
        recipients = List.copyOf(recipients);
        members = List.copyOf(members);
        assets = java.util.Collections.unmodifiableMap(new TreeMap<>(assets));
        checkMembers(members, recipients);
        checkAssets(assets);
    }

    private static void checkYear(LocalDate d) {
        if (d.getYear() < 1 || d.getYear() > 9999) {
            throw new IllegalArgumentException("date out of range");
        }
    }

    private static void checkMembers(List<Member> members, List<String> recipients) {
        if (members.isEmpty() || members.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException("1..64 members");
        }
        Set<String> ids = new HashSet<>();
        Set<Ed25519PublicKey> keys = new HashSet<>();
        Set<String> memberRecipients = new HashSet<>();
        Set<String> active = new HashSet<>();
        for (Member m : members) {
            if (!ids.add(m.id()) || !keys.add(m.signingKey()) || !memberRecipients.add(m.recipient())) {
                throw new IllegalArgumentException("duplicate member id, signing key or recipient");
            }
            if (m.status() == MemberStatus.ACTIVE) {
                active.add(m.recipient());
            }
        }
        Set<String> listed = new HashSet<>();
        boolean hybrid = !recipients.isEmpty() && recipients.get(0).startsWith("age1pq1");
        for (String r : recipients) {
            // The flag day (§9.2): a bundle version is all-hybrid or all-classic, never mixed.
            if (hybrid ? !AgeRecipients.isHybridRecipient(r) : !AgeRecipients.isX25519Recipient(r)) {
                throw new IllegalArgumentException(
                        "recipients must all be canonical age1… X25519 or all age1pq1… hybrid recipients");
            }
            if (!listed.add(r)) {
                throw new IllegalArgumentException("duplicate recipient");
            }
        }
        if (listed.isEmpty() || !listed.equals(active)) {
            throw new IllegalArgumentException("recipients must be exactly the active members' recipients");
        }
    }

    /** True if this bundle is all-hybrid (post-quantum, {@code age1pq1…}); false if all-classic. */
    public boolean hybrid() {
        return recipients.get(0).startsWith("age1pq1");
    }

    private static void checkAssets(Map<String, String> assets) {
        if (assets.size() > MAX_ASSETS) {
            throw new IllegalArgumentException("too many assets");
        }
        for (Map.Entry<String, String> e : assets.entrySet()) {
            String path = e.getKey();
            if (path == null || !path.matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*") || path.length() > 256
                    || List.of(path.split("/")).stream().anyMatch(seg -> seg.equals(".") || seg.equals(".."))) {
                throw new IllegalArgumentException("bad asset path");
            }
            if (!isSha256Sri(e.getValue())) {
                throw new IllegalArgumentException("bad asset hash");
            }
        }
    }

    /** {@code sha256-} followed by the canonical padded base64 of 32 bytes. */
    static boolean isSha256Sri(String s) {
        if (s == null || s.length() != 7 + 44 || !s.startsWith("sha256-")) {
            return false;
        }
        String b64 = s.substring(7);
        try {
            byte[] d = Base64.getDecoder().decode(b64);
            return d.length == 32 && Base64.getEncoder().encodeToString(d).equals(b64);
        } catch (IllegalArgumentException ex) {
            return false;
        }
    }

    /** The 16-byte Argon2 salt (a copy). */
    @Override
    public byte[] argon2Salt() {
        return argon2Salt.clone();
    }

    /** Members with the given status, in bundle order. */
    public List<Member> membersWithStatus(MemberStatus status) {
        return members.stream().filter(m -> m.status() == status).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TeamBundlePayload p && deployment.equals(p.deployment) && version == p.version
                && issued.equals(p.issued) && expires.equals(p.expires) && rootKey.equals(p.rootKey)
                && java.util.Arrays.equals(argon2Salt, p.argon2Salt) && argon2Params.equals(p.argon2Params)
                && recipients.equals(p.recipients) && members.equals(p.members) && assets.equals(p.assets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deployment, version, issued, rootKey);
    }

    @Override
    public String toString() {
        return "TeamBundlePayload[" + deployment + " v" + version + ", expires " + expires + ", "
                + members.size() + " members]";
    }
}
