package nl.klachtenbalie.keys.team;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.klachtenbalie.crypto.bundle.DeploymentPins;
import nl.klachtenbalie.crypto.bundle.Member;
import nl.klachtenbalie.crypto.bundle.MemberStatus;
import nl.klachtenbalie.crypto.json.JsonException;
import nl.klachtenbalie.crypto.json.JsonParser;
import nl.klachtenbalie.crypto.json.JsonValues;
import nl.klachtenbalie.crypto.json.JsonWriter;
import nl.klachtenbalie.crypto.receipt.Argon2Params;
import nl.klachtenbalie.crypto.receipt.KeyDerivation;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;
import org.bouncycastle.util.encoders.Hex;

/**
 * The public state of a team ({@code TEAMDIR/team.json}): deployment id, Argon2 salt and
 * parameters, root public key, every member ever added with their status, and the version of the
 * last signed bundle. Nothing secret: it is what the next bundle is built from. Immutable; the
 * {@code with…} methods return changed copies.
 *
 * <p>{@code hybrid} is the team's recipient kind ({@code "recipientKind"} in the file, protocol §8,
 * §9.2): {@code false} — classic X25519 ({@code "x25519"}, also when the field is absent, as in
 * teams made before it existed); {@code true} — post-quantum hybrid ({@code "mlkem768x25519"}):
 * every member added gets a hybrid identity and every bundle is all-hybrid.
 */
public record TeamState(String deployment, byte[] argon2Salt, Argon2Params argon2Params, Ed25519PublicKey rootKey,
                        List<Member> members, long lastBundleVersion, boolean hybrid) {

    public static final String FORMAT = "klachtenbalie-team/v1";

    /** A bundle lists at most this many members (protocol §6), so the team holds no more. */
    public static final int MAX_MEMBERS = 64;

    private static final Set<String> TOP = Set.of("format", "deployment", "argon2", "rootKey", "members",
            "lastBundleVersion");
    private static final Set<String> OPTIONAL_TOP = Set.of("recipientKind");
    static final String KIND_CLASSIC = "x25519";
    static final String KIND_HYBRID = "mlkem768x25519";
    private static final Set<String> ARGON2 = Set.of("salt", "m", "t", "p");
    private static final Set<String> MEMBER = Set.of("id", "recipient", "signingKey", "status", "since");

    /** A classic (X25519) team. */
    public TeamState(String deployment, byte[] argon2Salt, Argon2Params argon2Params, Ed25519PublicKey rootKey,
                     List<Member> members, long lastBundleVersion) {
        this(deployment, argon2Salt, argon2Params, rootKey, members, lastBundleVersion, false);
    }

    public TeamState {
        KeyDerivation.checkDeploymentId(deployment);
        if (argon2Salt == null || argon2Salt.length != KeyDerivation.SALT_LENGTH) {
            throw new IllegalArgumentException("Argon2 salt must be 16 bytes");
        }
        argon2Salt = argon2Salt.clone();
        members = List.copyOf(members);
        if (members.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException("a team has at most " + MAX_MEMBERS + " members");
        }
        if (members.stream().map(Member::id).distinct().count() != members.size()
                || members.stream().map(Member::recipient).distinct().count() != members.size()
                || members.stream().map(Member::signingKey).distinct().count() != members.size()) {
            throw new IllegalArgumentException("member ids and keys must be distinct");
        }
        if (lastBundleVersion < 0) {
            throw new IllegalArgumentException("negative bundle version");
        }
        for (Member m : members) {
            if (m.status() == MemberStatus.ACTIVE && m.recipient().startsWith("age1pq1") != hybrid) {
                throw new IllegalArgumentException("active member " + m.id() + " has a "
                        + (hybrid ? "classic" : "hybrid") + " recipient in a " + (hybrid ? "hybrid" : "classic") + " team");
            }
        }
    }

    @Override
    public byte[] argon2Salt() {
        return argon2Salt.clone();
    }

    /** What the browser must have compiled in for this team. */
    public DeploymentPins pins() {
        return DeploymentPins.of(deployment, rootKey, argon2Salt, argon2Params);
    }

    public java.util.Optional<Member> member(String id) {
        return members.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public List<Member> activeMembers() {
        return members.stream().filter(m -> m.status() == MemberStatus.ACTIVE).toList();
    }

    public TeamState withMember(Member m) {
        List<Member> all = new ArrayList<>(members);
        all.add(m);
        return new TeamState(deployment, argon2Salt, argon2Params, rootKey, all, lastBundleVersion, hybrid);
    }

    public TeamState withStatus(String id, MemberStatus status, LocalDate since) {
        List<Member> all = new ArrayList<>();
        for (Member m : members) {
            all.add(m.id().equals(id) ? new Member(m.id(), m.recipient(), m.signingKey(), status, since) : m);
        }
        return new TeamState(deployment, argon2Salt, argon2Params, rootKey, all, lastBundleVersion, hybrid);
    }

    public TeamState withLastBundleVersion(long version) {
        return new TeamState(deployment, argon2Salt, argon2Params, rootKey, members, version, hybrid);
    }

    /**
     * The flag day (§9.2): the team becomes hybrid, and each active member's recipient is replaced by
     * the hybrid one in {@code newRecipients} (member id → {@code age1pq1…}; every active member must
     * have one). Retired and compromised members keep their classic recipients: nobody encrypts to them.
     */
    public TeamState switchedToHybrid(Map<String, String> newRecipients) {
        List<Member> all = new ArrayList<>();
        for (Member m : members) {
            if (m.status() == MemberStatus.ACTIVE) {
                String r = newRecipients.get(m.id());
                if (r == null) {
                    throw new IllegalArgumentException("no hybrid recipient for active member " + m.id());
                }
                all.add(new Member(m.id(), r, m.signingKey(), m.status(), m.since()));
            } else {
                all.add(m);
            }
        }
        return new TeamState(deployment, argon2Salt, argon2Params, rootKey, all, lastBundleVersion, true);
    }

    /** Pretty JSON (one member per line) so a diff between two ceremonies is readable. */
    public byte[] toJson() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("salt", Hex.toHexString(argon2Salt));
        a.put("m", (long) argon2Params.memoryKiB());
        a.put("t", (long) argon2Params.iterations());
        a.put("p", (long) argon2Params.parallelism());
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"format\": ").append(json(FORMAT)).append(",\n");
        sb.append("  \"deployment\": ").append(json(deployment)).append(",\n");
        sb.append("  \"argon2\": ").append(json(a)).append(",\n");
        sb.append("  \"recipientKind\": ").append(json(hybrid ? KIND_HYBRID : KIND_CLASSIC)).append(",\n");
        sb.append("  \"rootKey\": ").append(json(rootKey.hex())).append(",\n");
        sb.append("  \"members\": [");
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", m.id());
            o.put("recipient", m.recipient());
            o.put("signingKey", m.signingKey().hex());
            o.put("status", m.status().json());
            o.put("since", m.since().toString());
            sb.append(i == 0 ? "\n    " : ",\n    ").append(json(o));
        }
        sb.append(members.isEmpty() ? "],\n" : "\n  ],\n");
        sb.append("  \"lastBundleVersion\": ").append(lastBundleVersion).append("\n}\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String json(Object v) {
        return new String(JsonWriter.write(v), StandardCharsets.UTF_8);
    }

    /** Parses {@code team.json} strictly; the message says what is wrong, never the content. */
    public static TeamState fromJson(byte[] bytes) {
        try {
            Map<String, Object> top = JsonValues.object(JsonParser.parse(bytes), TOP, OPTIONAL_TOP);
            String kind = top.containsKey("recipientKind") ? JsonValues.string(top.get("recipientKind")) : KIND_CLASSIC;
            if (!kind.equals(KIND_CLASSIC) && !kind.equals(KIND_HYBRID)) {
                throw new IllegalArgumentException("unknown recipientKind");
            }
            if (!FORMAT.equals(JsonValues.string(top.get("format")))) {
                throw new IllegalArgumentException("unknown format");
            }
            Map<String, Object> a = JsonValues.object(top.get("argon2"), ARGON2);
            String salt = JsonValues.string(a.get("salt"));
            if (!salt.matches("[0-9a-f]{32}")) {
                throw new IllegalArgumentException("salt must be 32 lower-case hex characters");
            }
            Argon2Params params = new Argon2Params((int) JsonValues.integer(a.get("m"), 1, Integer.MAX_VALUE),
                    (int) JsonValues.integer(a.get("t"), 1, Integer.MAX_VALUE),
                    (int) JsonValues.integer(a.get("p"), 1, Integer.MAX_VALUE));
            List<Member> members = new ArrayList<>();
            for (Object o : JsonValues.array(top.get("members"))) {
                Map<String, Object> m = JsonValues.object(o, MEMBER);
                members.add(new Member(JsonValues.string(m.get("id")), JsonValues.string(m.get("recipient")),
                        Ed25519PublicKey.fromHex(JsonValues.string(m.get("signingKey"))),
                        status(JsonValues.string(m.get("status"))), date(JsonValues.string(m.get("since")))));
            }
            return new TeamState(JsonValues.string(top.get("deployment")), Hex.decode(salt), params,
                    Ed25519PublicKey.fromHex(JsonValues.string(top.get("rootKey"))), members,
                    JsonValues.integer(top.get("lastBundleVersion"), 0, JsonParser.MAX_SAFE_INTEGER),
                    kind.equals(KIND_HYBRID));
        } catch (JsonException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new TeamException("team.json is damaged: " + e.getMessage());
        }
    }

    private static MemberStatus status(String s) {
        for (MemberStatus st : MemberStatus.values()) {
            if (st.json().equals(s)) {
                return st;
            }
        }
        throw new IllegalArgumentException("unknown member status");
    }

    private static LocalDate date(String s) {
        if (!s.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            throw new IllegalArgumentException("date must be YYYY-MM-DD");
        }
        return LocalDate.parse(s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TeamState t && deployment.equals(t.deployment)
                && java.util.Arrays.equals(argon2Salt, t.argon2Salt) && argon2Params.equals(t.argon2Params)
                && rootKey.equals(t.rootKey) && members.equals(t.members) && lastBundleVersion == t.lastBundleVersion
                && hybrid == t.hybrid;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(deployment, rootKey, members, lastBundleVersion);
    }

    @Override
    public String toString() {
        return "TeamState[" + deployment + ", " + members.size() + " members, last bundle v" + lastBundleVersion
                + (hybrid ? ", hybrid" : "") + "]";
    }
}
