package nl.klachtenbalie.crypto.bundle;

import java.time.LocalDate;
import nl.klachtenbalie.crypto.json.JsonException;
import nl.klachtenbalie.crypto.json.JsonParser;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import nl.klachtenbalie.crypto.sign.SignatureContext;

/**
 * Verifies a team bundle file against the client's pins (protocol §6), in this order, each failure
 * naming its step:
 *
 * <ol>
 *   <li>at most {@link #MAX_FILE_SIZE} bytes, strict JSON with exactly {@code payload} and
 *       {@code signature}, canonical base64, a 64-byte signature — else {@code MALFORMED};
 *   <li>the signature under the pinned root key over {@code signed("bundle", pinnedDeploymentId,
 *       payloadBytes)} — else {@code SIGNATURE} (nothing of the payload is parsed before this);
 *   <li>the payload parses and is valid — else {@code MALFORMED};
 *   <li>deployment, root key and Argon2 salt and parameters equal the pins — else
 *       {@code WRONG_DEPLOYMENT};
 *   <li>{@code version ≥ highestSeenVersion} — else {@code DOWNGRADE};
 *   <li>{@code expires ≥ today − 1 day} (a day of grace for a wrong phone clock) — else
 *       {@code EXPIRED}.
 * </ol>
 */
public final class TeamBundleVerifier {

    /** The largest bundle file accepted. */
    public static final int MAX_FILE_SIZE = 512 * 1024;

    private static final Set<String> FILE_KEYS = Set.of("payload", "signature");

    private final DeploymentPins pins;
    private final LocalDate today;
    private final long highestSeenVersion;

    /**
     * @param today the verifier's current date (inject a {@code Clock}-derived date; tests fix it)
     * @param highestSeenVersion the highest bundle version this client has accepted before, or 0
     */
    public TeamBundleVerifier(DeploymentPins pins, LocalDate today, long highestSeenVersion) {
        this.pins = Objects.requireNonNull(pins, "pins");
        this.today = Objects.requireNonNull(today, "today");
        this.highestSeenVersion = highestSeenVersion;
    }

    /** As above, with today's date taken from {@code clock} (in the clock's zone) at construction. */
    public TeamBundleVerifier(DeploymentPins pins, java.time.Clock clock, long highestSeenVersion) {
        this(pins, LocalDate.now(Objects.requireNonNull(clock, "clock")), highestSeenVersion);
    }

    /**
     * Verifies a bundle file.
     *
     * @return the verified bundle
     * @throws BundleException naming the first failing step
     */
    public TeamBundle verify(byte[] file) throws BundleException {
        if (file == null || file.length > MAX_FILE_SIZE) {
            throw malformed("file missing or larger than 512 KiB");
        }
        byte[] payloadBytes;
        byte[] signature;
        try {
            Object parsed = JsonParser.parse(file);
            if (!(parsed instanceof Map<?, ?> m) || !m.keySet().equals(FILE_KEYS)
                    || !(m.get("payload") instanceof String p) || !(m.get("signature") instanceof String s)) {
                throw malformed("file must be {payload, signature} strings");
            }
            payloadBytes = canonicalBase64(p);
            signature = canonicalBase64(s);
        } catch (JsonException e) {
            throw malformed("file: " + e.getMessage());
        }
        if (signature.length != 64) {
            throw malformed("signature must be 64 bytes");
        }
        if (!pins.rootKey().verify(SignatureContext.BUNDLE, pins.deploymentId(), signature, payloadBytes)) {
            throw new BundleException(BundleException.Kind.SIGNATURE, "not signed by the pinned root key");
        }
        TeamBundlePayload payload = PayloadJson.read(payloadBytes);
        if (!payload.deployment().equals(pins.deploymentId()) || !payload.rootKey().equals(pins.rootKey())
                || !java.security.MessageDigest.isEqual(payload.argon2Salt(), pins.argon2Salt())
                || !payload.argon2Params().equals(pins.argon2Params())) {
            throw new BundleException(BundleException.Kind.WRONG_DEPLOYMENT, "does not match the pinned deployment");
        }
        if (payload.version() < highestSeenVersion) {
            throw new BundleException(BundleException.Kind.DOWNGRADE, "older than a bundle already seen");
        }
        if (payload.expires().isBefore(today.minusDays(1))) {
            throw new BundleException(BundleException.Kind.EXPIRED, "expired");
        }
        return new TeamBundle(payload);
    }

    private static byte[] canonicalBase64(String s) throws BundleException {
        try {
            byte[] d = Base64.getDecoder().decode(s);
            if (!Base64.getEncoder().encodeToString(d).equals(s)) {
                throw malformed("base64 is not canonical");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw malformed("bad base64");
        }
    }

    private static BundleException malformed(String message) {
        return new BundleException(BundleException.Kind.MALFORMED, message);
    }
}
