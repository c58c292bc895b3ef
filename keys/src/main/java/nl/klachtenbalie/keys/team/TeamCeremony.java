package nl.klachtenbalie.keys.team;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;
import nl.klachtenbalie.crypto.bundle.BundleException;
import nl.klachtenbalie.crypto.bundle.Member;
import nl.klachtenbalie.crypto.bundle.MemberStatus;
import nl.klachtenbalie.crypto.bundle.TeamBundle;
import nl.klachtenbalie.crypto.bundle.TeamBundlePayload;
import nl.klachtenbalie.crypto.bundle.TeamBundleSigner;
import nl.klachtenbalie.crypto.bundle.TeamBundleVerifier;
import nl.klachtenbalie.crypto.bundle.TeamFingerprint;
import nl.klachtenbalie.crypto.receipt.Argon2Params;
import nl.klachtenbalie.crypto.receipt.KeyDerivation;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;

/**
 * The key ceremony (issue 5): create a team, add and revoke members, sign team bundles, draw the
 * fingerprint. Framework-free: the command-line front supplies passphrases, the clock and the
 * random source. Private keys exist only inside these methods and are destroyed before they return.
 *
 * <p>Invariants a ceremony keeps: bundle versions only go up (the next version is always the last
 * one plus one, and a bundle file is never overwritten); a bundle lists exactly the active
 * members' recipients; the root key signs only after checking that it is the team's root key; a
 * signed bundle is verified with the browser's own rules before it is written.
 */
public final class TeamCeremony {

    /** The validity a bundle gets unless told otherwise: between the protocol's 60 and 90 days. */
    public static final int DEFAULT_VALID_DAYS = 75;

    private final SecureRandom random;
    private final Clock clock;
    private final MemberKeys memberKeys;

    public TeamCeremony(SecureRandom random, Clock clock) {
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.memberKeys = new MemberKeys(random, clock);
    }

    /** What {@link #create} made. */
    public record Created(TeamDirectory directory, TeamState state, String fingerprint) {
    }

    /** What {@link #signBundle} wrote. */
    public record SignedBundle(long version, Path file, TeamBundle bundle) {
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * Creates a team directory: root key, first member, Argon2 salt, fingerprint. Everything is
     * written into a staging directory beside the target and renamed into place at the end, so a
     * failure never leaves half a team.
     *
     * @param demo a demo team: the deployment id must start with {@code demo-} and a
     *     {@code DEMO-WARNING.txt} is written, so a demo can never pass for a real deployment
     */
    public Created create(Path dir, String deployment, String firstMember, char[] rootPassphrase,
            char[] memberPassphrase, boolean demo) throws IOException {
        return create(dir, deployment, firstMember, rootPassphrase, memberPassphrase, demo, false);
    }

    /**
     * As {@link #create(Path, String, String, char[], char[], boolean)}; with {@code hybrid} the team is
     * post-quantum from the start (protocol §9): members get hybrid {@code AGE-SECRET-KEY-PQ-1…}
     * identities and every bundle is all-hybrid.
     */
    public Created create(Path dir, String deployment, String firstMember, char[] rootPassphrase,
            char[] memberPassphrase, boolean demo, boolean hybrid) throws IOException {
        try {
            KeyDerivation.checkDeploymentId(deployment);
        } catch (IllegalArgumentException e) {
            throw new TeamException("deployment id must be 1..64 printable ASCII characters without spaces");
        }
        if (demo != deployment.startsWith("demo-")) {
            throw new TeamException(demo ? "a demo deployment id must start with demo-"
                    : "deployment ids starting with demo- are reserved for --demo");
        }
        checkMemberId(firstMember);
        Path target = dir.toAbsolutePath().normalize();
        TeamDirectory.checkAbsentOrEmpty(target); // refuses anything but an empty directory
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw new TeamException("no such directory: " + target.getParent());
        }
        Path staging = target.resolveSibling("." + target.getFileName() + ".creating-" + Long.toHexString(
                random.nextLong() & Long.MAX_VALUE));
        TeamDirectory team = TeamDirectory.create(staging);
        try {
            byte[] salt = new byte[KeyDerivation.SALT_LENGTH];
            random.nextBytes(salt);
            byte[] rootSeed = new byte[Ed25519PrivateKey.SEED_LENGTH];
            random.nextBytes(rootSeed);
            Ed25519PrivateKey root = Ed25519PrivateKey.fromSeed(rootSeed);
            String fingerprint = TeamFingerprint.of(root.publicKey());
            try {
                byte[] text = ("# klachtenbalie team ROOT signing key, deployment " + deployment + "\n"
                        + "# created: " + today() + "\n"
                        + "# public key: " + root.publicKey().hex() + "\n"
                        + "# team fingerprint: " + fingerprint + "\n"
                        + SealedKeys.seedLine(SealedKeys.ROOT_HRP, rootSeed) + "\n").getBytes(StandardCharsets.US_ASCII);
                TeamDirectory.writeSecretNew(team.rootKey(), SealedKeys.seal(text, rootPassphrase, random));
                Arrays.fill(text, (byte) 0);
            } finally {
                Arrays.fill(rootSeed, (byte) 0);
                root.destroy();
            }
            TeamState state = new TeamState(deployment, salt, Argon2Params.V1, root.publicKey(), List.of(), 0, hybrid);
            state = state.withMember(memberKeys.create(team, deployment, firstMember, memberPassphrase, hybrid));
            team.writeState(state);
            writeFingerprint(team, state, null);
            if (demo) {
                TeamDirectory.writePublicNew(team.demoWarning(), demoWarning(deployment).getBytes(StandardCharsets.UTF_8));
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
            return new Created(TeamDirectory.open(target), state, fingerprint);
        } finally {
            if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(staging);
            }
        }
    }

    static String demoWarning(String deployment) {
        return "DEMO TEAM — NOT FOR REAL REPORTS\n\n"
                + "This team directory (deployment " + deployment + ") was made with `keys team create --demo`.\n"
                + "Every passphrase in it is \"demo\": anyone who has these files can read everything encrypted\n"
                + "to this team and sign bundles in its name. Use it for demonstrations and tests only, and\n"
                + "never print its fingerprint on a flyer.\n";
    }

    /** Adds an active member with fresh keys, sealed with {@code passphrase}. */
    public Member addMember(TeamDirectory team, String id, char[] passphrase) throws IOException {
        checkMemberId(id);
        TeamState state = team.readState();
        if (state.member(id).isPresent()) {
            throw new TeamException("member " + id + " already exists (ids are never reused)");
        }
        if (state.members().size() >= TeamState.MAX_MEMBERS) {
            throw new TeamException("a team has at most " + TeamState.MAX_MEMBERS + " members");
        }
        Member m = memberKeys.create(team, state.deployment(), id, passphrase, state.hybrid());
        team.writeState(state.withMember(m));
        return m;
    }

    /**
     * The flag day (protocol §9.2), to be followed by {@link #signBundle}: see {@link FlagDay}.
     *
     * @param passphrase member id → that member's passphrase (the caller wipes it afterwards)
     * @return member id → new hybrid recipient; empty if the team was hybrid already
     */
    public Map<String, String> switchToHybrid(TeamDirectory team, Function<String, char[]> passphrase) throws IOException {
        return new FlagDay(memberKeys).switchToHybrid(team, passphrase);
    }

    /**
     * Retires a member from today, or marks their keys compromised from today. Takes effect for
     * reporters only with the next signed bundle, and protects only reports encrypted after that:
     * what was encrypted to the member before stays readable with their identity.
     */
    public Member revokeMember(TeamDirectory team, String id, boolean compromised) throws IOException {
        TeamState state = team.readState();
        Member m = state.member(id).orElseThrow(() -> new TeamException("no member " + id));
        if (m.status() == MemberStatus.COMPROMISED) {
            throw new TeamException("member " + id + " is already marked compromised");
        }
        if (m.status() == MemberStatus.RETIRED && !compromised) {
            throw new TeamException("member " + id + " is already retired (use --compromised if their keys leaked)");
        }
        MemberStatus status = compromised ? MemberStatus.COMPROMISED : MemberStatus.RETIRED;
        TeamState next = state.withStatus(id, status, today());
        team.writeState(next);
        return next.member(id).orElseThrow();
    }

    /**
     * Signs the next bundle: version = last + 1, issued today, expiring {@code validDays} (60–90)
     * later, listing every member and encrypting to the active ones, with {@code assets} as the
     * client asset manifest.
     */
    public SignedBundle signBundle(TeamDirectory team, char[] rootPassphrase, int validDays,
            Map<String, String> assets) throws IOException {
        if (validDays < 60 || validDays > 90) {
            throw new TeamException("--valid-days must be 60..90 (protocol §6)");
        }
        TeamState state = team.readState();
        long version = state.lastBundleVersion() + 1;
        OptionalLong onDisk = team.highestBundleFile();
        if (onDisk.isPresent() && onDisk.getAsLong() >= version) {
            throw new TeamException("bundles/ already holds version " + onDisk.getAsLong() + " but team.json says the"
                    + " last was " + state.lastBundleVersion() + "; refusing to sign a lower or equal version"
                    + " (restore the team.json that belongs to these bundles)");
        }
        if (state.activeMembers().isEmpty()) {
            throw new TeamException("no active members: reporters would have nobody to encrypt to");
        }
        TeamBundlePayload payload;
        try {
            payload = new TeamBundlePayload(state.deployment(), version, today(), today().plusDays(validDays),
                    state.rootKey(), state.argon2Salt(), state.argon2Params(),
                    state.activeMembers().stream().map(Member::recipient).toList(), state.members(), assets);
        } catch (IllegalArgumentException e) {
            throw new TeamException("cannot build the bundle: " + e.getMessage());
        }
        byte[] file;
        Ed25519PrivateKey root = SealedKeys.parseSeedFile(team.rootKey().getFileName().toString(),
                SealedKeys.open("root.key.age", TeamDirectory.read(team.rootKey()), rootPassphrase),
                SealedKeys.ROOT_HRP);
        try {
            if (!root.publicKey().equals(state.rootKey())) {
                throw new TeamException("root.key.age does not hold this team's root key");
            }
            file = new TeamBundleSigner(root).sign(payload);
        } finally {
            root.destroy();
        }
        TeamBundle verified;
        try {
            verified = new TeamBundleVerifier(state.pins(), today(), state.lastBundleVersion()).verify(file);
        } catch (BundleException e) {
            throw new TeamException("the signed bundle does not verify (" + e.getMessage() + "); nothing written");
        }
        Path out = team.bundle(version);
        TeamDirectory.writePublicNew(out, file);
        team.writeState(state.withLastBundleVersion(version));
        return new SignedBundle(version, out, verified);
    }

    /**
     * Writes {@code fingerprint.txt} and {@code fingerprint.png} (and a copy of the PNG at
     * {@code extraPng} if given), after checking the PNG scans back to the text.
     */
    public String writeFingerprint(TeamDirectory team, TeamState state, Path extraPng) throws IOException {
        String text = TeamFingerprint.of(state.rootKey());
        byte[] png = FingerprintQr.png(text);
        if (!FingerprintQr.decode(png).equals(text)) {
            throw new TeamException("the fingerprint QR code does not scan back to the fingerprint");
        }
        TeamDirectory.replacePublic(team.fingerprintText(), (text + "\n").getBytes(StandardCharsets.US_ASCII));
        TeamDirectory.replacePublic(team.fingerprintPng(), png);
        if (extraPng != null) {
            Path abs = extraPng.toAbsolutePath().normalize();
            if (abs.getParent() == null || !Files.isDirectory(abs.getParent())) {
                throw new TeamException("no such directory: " + abs.getParent());
            }
            TeamDirectory.replacePublic(abs, png);
        }
        return text;
    }

    static void checkMemberId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,64}") || id.startsWith(".")) {
            throw new TeamException("member id must be 1..64 characters of A-Z a-z 0-9 . _ - and not start with a dot");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
