package nl.klachtenbalie.keys.desk.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.crypto.bundle.BundleException;
import nl.klachtenbalie.crypto.bundle.DeploymentPins;
import nl.klachtenbalie.crypto.bundle.Member;
import nl.klachtenbalie.crypto.bundle.MemberStatus;
import nl.klachtenbalie.crypto.bundle.TeamBundle;
import nl.klachtenbalie.crypto.bundle.TeamBundleVerifier;
import nl.klachtenbalie.crypto.receipt.Argon2Params;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;
import nl.klachtenbalie.keys.desk.DeskException;

/**
 * The team directory written by the key ceremony ({@code keys team …}), read-only for the desk:
 *
 * <pre>
 * team.json                          deployment id, Argon2 salt, root public key (the desk's pins)
 * members/&lt;id&gt;.identity.age        the member's age identity, passphrase-encrypted (age scrypt)
 * members/&lt;id&gt;.signing.age         the member's Ed25519 seed as KB-SIGNING-KEY-1…, same passphrase
 * bundles/team-bundle-v&lt;N&gt;.json     signed team bundles
 * </pre>
 *
 * <p>team.json is the trust anchor on the air-gapped machine; every bundle is verified against
 * it with the same verifier the browser mirrors, so the desk never trusts a member list the root
 * key did not sign. Old bundles stay readable (ignoring expiry) so replies and notes signed under
 * them can still be checked.
 */
public final class TeamDirectory {

    private static final Pattern BUNDLE_FILE = Pattern.compile("team-bundle-v([1-9][0-9]{0,15})\\.json");
    private static final Pattern MEMBER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Bundles older than this are verified only for their signatures and members, not their dates. */
    private static final LocalDate HISTORICAL = LocalDate.of(1970, 1, 1);

    private final Path dir;
    private final DeploymentPins pins;
    private final TreeMap<Long, TeamBundle> bundles;
    private final LocalDate today;

    private TeamDirectory(Path dir, DeploymentPins pins, TreeMap<Long, TeamBundle> bundles, LocalDate today) {
        this.dir = dir;
        this.pins = pins;
        this.bundles = bundles;
        this.today = today;
    }

    /**
     * Reads team.json and every bundle.
     *
     * @throws DeskException if the directory is not a team directory, or a bundle does not verify
     */
    public static TeamDirectory open(Path dir, LocalDate today) throws IOException {
        Path teamJson = dir.resolve("team.json");
        if (!Files.isRegularFile(teamJson)) {
            throw new DeskException("error.team.missing", dir);
        }
        DeploymentPins pins = readPins(teamJson);
        TreeMap<Long, TeamBundle> bundles = new TreeMap<>();
        Path bundleDir = dir.resolve("bundles");
        if (Files.isDirectory(bundleDir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(bundleDir)) {
                for (Path file : files) {
                    Matcher m = BUNDLE_FILE.matcher(file.getFileName().toString());
                    if (!m.matches()) {
                        continue;
                    }
                    try {
                        TeamBundle b = new TeamBundleVerifier(pins, HISTORICAL, 0).verify(BoundedFile.read(file));
                        if (b.version() != Long.parseLong(m.group(1))) {
                            throw new DeskException("error.team.bundleName", file.getFileName());
                        }
                        bundles.put(b.version(), b);
                    } catch (BundleException e) {
                        throw new DeskException("error.team.bundleInvalid", file.getFileName(), e.kind());
                    }
                }
            }
        }
        if (bundles.isEmpty()) {
            throw new DeskException("error.team.noBundle", bundleDir);
        }
        return new TeamDirectory(dir, pins, bundles, today);
    }

    private static DeploymentPins readPins(Path teamJson) throws IOException {
        JsonNode t;
        try {
            t = new ObjectMapper().readTree(BoundedFile.read(teamJson));
        } catch (IOException e) {
            throw new DeskException("error.team.json", teamJson);
        }
        try {
            String deployment = text(t, "deployment", "deploymentId");
            String salt = text(t, "argon2Salt", "salt");
            if (salt == null && t.path("argon2").has("salt")) {
                salt = t.path("argon2").path("salt").asText();
            }
            String root = text(t, "rootKey", "rootPublicKey");
            if (deployment == null || salt == null || root == null) {
                throw new DeskException("error.team.json", teamJson);
            }
            return DeploymentPins.of(deployment, Ed25519PublicKey.fromHex(root), HexFormat.of().parseHex(salt),
                    Argon2Params.V1);
        } catch (IllegalArgumentException e) {
            throw new DeskException("error.team.json", teamJson);
        }
    }

    private static String text(JsonNode node, String... names) {
        for (String n : names) {
            if (node.hasNonNull(n) && node.get(n).isTextual()) {
                return node.get(n).textValue();
            }
        }
        return null;
    }

    public String deploymentId() {
        return pins.deploymentId();
    }

    public DeploymentPins pins() {
        return pins;
    }

    /** The newest bundle: the one reporters encrypt to now. */
    public TeamBundle current() {
        return bundles.lastEntry().getValue();
    }

    public BundleStatus status() {
        var p = current().payload();
        return new BundleStatus(p.version(), p.issued(), p.expires(), ChronoUnit.DAYS.between(today, p.expires()));
    }

    /** The active members' recipients of the current bundle: everything the desk stores is encrypted to them. */
    public List<Recipient> teamRecipients() {
        // All of one kind (the bundle verifier refuses a mix): hybrid after the flag day.
        return current().recipients().stream().map(Recipient::parse).toList();
    }

    /**
     * The team recipients a reply to {@code replyRecipient} is encrypted to: one file never mixes
     * hybrid and classic recipients (protocol §9.2). Normally the current bundle's. For a reporter
     * still pinned to a classic recipient after the flag day: the classic recipients, in the newest
     * classic bundle, of the members active now — desks keep their classic identities, so they
     * can reread the reply, and the file is no weaker than the reporter's own classic stanza makes
     * it anyway. Empty if there is no such bundle (a team hybrid from the start never has a
     * classic-pinned reporter).
     */
    public List<Recipient> replyTeamRecipients(String replyRecipient) {
        boolean hybrid = Recipient.isHybrid(replyRecipient);
        if (current().payload().hybrid() == hybrid) {
            return teamRecipients();
        }
        Set<String> activeNow = new HashSet<>(memberIds());
        for (TeamBundle b : bundles.descendingMap().values()) {
            if (b.payload().hybrid() == hybrid) {
                List<Recipient> r = b.payload().members().stream()
                        .filter(m -> m.status() == MemberStatus.ACTIVE && activeNow.contains(m.id()))
                        .map(m -> Recipient.parse(m.recipient())).toList();
                if (!r.isEmpty()) {
                    return r;
                }
            }
        }
        return List.of();
    }

    /** The member entry of {@code id} in bundle {@code version}, if that bundle is known and lists it. */
    public Optional<Member> member(long version, String id) {
        TeamBundle b = bundles.get(version);
        if (b == null) {
            return Optional.empty();
        }
        return b.payload().members().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The member entry of {@code id} in the newest bundle that lists it. */
    public Optional<Member> latestMember(String id) {
        for (TeamBundle b : bundles.descendingMap().values()) {
            Optional<Member> m = b.payload().members().stream().filter(x -> x.id().equals(id)).findFirst();
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a signature by {@code member}, dated {@code day}, is acceptable (protocol §7.3):
     * active, or retired from a day after it was made. A compromised key is trusted for nothing:
     * whoever holds it can write any date.
     */
    public static boolean signerValidOn(Member member, LocalDate day) {
        return member.status() == MemberStatus.ACTIVE
                || (member.status() == MemberStatus.RETIRED && member.since().isAfter(day));
    }

    /** The ids of members in the current bundle, for the assignee list. */
    public List<String> memberIds() {
        return current().payload().members().stream()
                .filter(m -> m.status() == MemberStatus.ACTIVE).map(Member::id).toList();
    }

    /**
     * Decrypts the member's key files with the passphrase and checks them against the current
     * bundle: one identity's recipient and the signing key must be the ones listed for this member,
     * and the member must be active. The identities are {@code <id>.identity.age} (classic, or hybrid
     * in a team that was hybrid when the member joined) and, after the flag day,
     * {@code <id>.identity-pq.age} (hybrid, same passphrase); the desk decrypts with all of them
     * (protocol §9.2), the one the bundle lists first.
     */
    public UnlockedMember unlock(String memberId, char[] passphrase) throws IOException {
        if (!MEMBER_ID.matcher(memberId).matches()) {
            throw new DeskException("error.member.id");
        }
        Member listed = current().payload().members().stream().filter(m -> m.id().equals(memberId)).findFirst()
                .orElseThrow(() -> new DeskException("error.member.unknown", memberId, current().version()));
        if (listed.status() != MemberStatus.ACTIVE) {
            throw new DeskException("error.member.inactive", memberId, listed.status().json());
        }
        return new MemberKeyFiles(dir.resolve("members")).unlock(listed, current().version(), passphrase);
    }
}
