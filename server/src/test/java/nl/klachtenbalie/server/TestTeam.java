package nl.klachtenbalie.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.klachtenbalie.crypto.bundle.Member;
import nl.klachtenbalie.crypto.bundle.MemberStatus;
import nl.klachtenbalie.crypto.bundle.TeamBundlePayload;
import nl.klachtenbalie.crypto.bundle.TeamBundleSigner;
import nl.klachtenbalie.crypto.encoding.Bech32;
import nl.klachtenbalie.crypto.receipt.Argon2Params;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * A throwaway team for tests: a root key and one member, generated in memory, standing in for the
 * key ceremony and the desk. It lives in test code only: the server itself never holds a private key
 * (the demo's team comes from {@code bin/keys team create --demo}).
 */
public final class TestTeam {

    public static final String MEMBER_ID = "demo-member-1";

    private final String deploymentId;
    private final byte[] argon2Salt;
    private final byte[] rootSeed;
    private final byte[] memberSeed;
    private final Ed25519PrivateKey rootKey;
    private final Ed25519PrivateKey memberSigningKey;
    private final byte[] memberAgeScalar;
    private final String memberRecipient;

    private TestTeam(String deploymentId, byte[] argon2Salt, byte[] rootSeed, byte[] memberSeed, byte[] ageScalar,
            String recipient) {
        this.deploymentId = deploymentId;
        this.argon2Salt = argon2Salt;
        this.rootSeed = rootSeed;
        this.memberSeed = memberSeed;
        this.rootKey = Ed25519PrivateKey.fromSeed(rootSeed);
        this.memberSigningKey = Ed25519PrivateKey.fromSeed(memberSeed);
        this.memberAgeScalar = ageScalar;
        this.memberRecipient = recipient;
    }

    public static TestTeam generate(String deploymentId, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        X25519PrivateKeyParameters age = new X25519PrivateKeyParameters(random);
        String recipient = Bech32.encode("age", age.generatePublicKey().getEncoded());
        byte[] rootSeed = new byte[32];
        byte[] memberSeed = new byte[32];
        random.nextBytes(rootSeed);
        random.nextBytes(memberSeed);
        return new TestTeam(deploymentId, salt, rootSeed, memberSeed, age.getEncoded(), recipient);
    }

    public String deploymentId() {
        return deploymentId;
    }

    public byte[] argon2Salt() {
        return argon2Salt.clone();
    }

    public byte[] rootPublicKey() {
        return rootKey.publicKey().bytes();
    }

    public Ed25519PrivateKey memberSigningKey() {
        return memberSigningKey;
    }

    public String memberRecipient() {
        return memberRecipient;
    }

    /** A signed bundle file of {@code version}, issued on {@code issued} and valid 90 days. */
    public byte[] bundle(long version, LocalDate issued) {
        return bundle(version, issued, Map.of());
    }

    /** As {@link #bundle(long, LocalDate)}, with {@code assets} (path → sha256-b64) as the signed asset list. */
    public byte[] bundle(long version, LocalDate issued, Map<String, String> assets) {
        Member member = new Member(MEMBER_ID, memberRecipient, memberSigningKey.publicKey(), MemberStatus.ACTIVE, issued);
        TeamBundlePayload payload = new TeamBundlePayload(deploymentId, version, issued, issued.plusDays(90),
                rootKey.publicKey(), argon2Salt, Argon2Params.V1, List.of(memberRecipient), List.of(member), assets);
        return new TeamBundleSigner(rootKey).sign(payload);
    }

    /**
     * Writes the demo desk's key material to {@code deskDir}: the member's age identity and
     * signing seed, the root seed (so the demo desk can sign new bundles) and the pins.
     */
}
