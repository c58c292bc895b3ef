package nl.klachtenbalie.crypto.bundle;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import nl.klachtenbalie.crypto.receipt.Argon2Params;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;

/**
 * Named team-bundle cases with their expected verdict under {@link BundleFixtures#pins()}: shared
 * by the unit tests and the cross-language vector file.
 *
 * @param expected the {@link BundleException.Kind} name, or {@code "VALID"}
 */
public record BundleCases(String name, byte[] file, LocalDate today, long highestSeenVersion, String expected) {

    public static final LocalDate TODAY = BundleFixtures.ISSUED.plusDays(10);

    public static List<BundleCases> all() {
        List<BundleCases> c = new ArrayList<>();
        Ed25519PrivateKey root = BundleFixtures.rootKey();
        TeamBundleSigner signer = new TeamBundleSigner(root);
        byte[] valid = signer.sign(BundleFixtures.payload(4));
        String json = new String(TeamBundleSigner.payloadBytes(BundleFixtures.payload(4)), StandardCharsets.UTF_8);

        c.add(new BundleCases("valid", valid, TODAY, 0, "VALID"));
        c.add(new BundleCases("valid, same version as seen", valid, TODAY, 4, "VALID"));
        c.add(new BundleCases("valid, on the day after expiry (grace)", valid, BundleFixtures.EXPIRES.plusDays(1), 4,
                "VALID"));
        c.add(new BundleCases("valid, with white space around the file", ("  \n" + new String(valid,
                StandardCharsets.UTF_8) + "\r\n").getBytes(StandardCharsets.UTF_8), TODAY, 0, "VALID"));

        // The flag day (§9.2): all-hybrid is valid, any mix is MALFORMED.
        TeamBundlePayload hybrid = BundleFixtures.hybridPayload(4, 2);
        c.add(new BundleCases("valid, all-hybrid recipients", signer.sign(hybrid), TODAY, 0, "VALID"));
        String hybridJson = new String(TeamBundleSigner.payloadBytes(hybrid), StandardCharsets.UTF_8);
        String classicChris = BundleFixtures.recipient("chris");
        String pq1 = hybrid.recipients().get(1);
        addMalformed(c, "recipients mix hybrid and classic", hybridJson.replace(pq1, BundleFixtures.recipient("pq1")));
        addMalformed(c, "recipients mix classic and hybrid", json.replace(BundleFixtures.recipient("bo"),
                BundleFixtures.hybridRecipient("bo")));
        addMalformed(c, "hybrid recipient in upper case", hybridJson.replace(pq1, pq1.toUpperCase(java.util.Locale.ROOT)));
        String badMlkem = nl.klachtenbalie.crypto.encoding.Bech32.encode("age1pq", badMlkemKey(pq1));
        addMalformed(c, "hybrid recipient failing the ML-KEM modulus check", hybridJson.replace(pq1, badMlkem));
        if (!hybridJson.contains(classicChris)) {
            throw new IllegalStateException("fixture: the retired member keeps a classic recipient");
        }

        c.add(new BundleCases("expired two days ago", valid, BundleFixtures.EXPIRES.plusDays(2), 0, "EXPIRED"));
        c.add(new BundleCases("downgrade", valid, TODAY, 5, "DOWNGRADE"));

        byte[] flipped = rewrapSignature(valid, sig -> {
            sig[10] ^= 0x01;
            return sig;
        });
        c.add(new BundleCases("signature bit flipped", flipped, TODAY, 0, "SIGNATURE"));
        byte[] payloadBytes = TeamBundleSigner.payloadBytes(BundleFixtures.payload(4));
        Ed25519PrivateKey stranger = Ed25519PrivateKey.fromSeed(BundleFixtures.fixedBytes("stranger"));
        c.add(new BundleCases("signed by another key", TeamBundleSigner.assemble(payloadBytes,
                stranger.sign(SignatureContext.BUNDLE, BundleFixtures.DEPLOYMENT, payloadBytes)), TODAY, 0, "SIGNATURE"));
        c.add(new BundleCases("signed for another deployment id", TeamBundleSigner.assemble(payloadBytes,
                root.sign(SignatureContext.BUNDLE, "other-deployment", payloadBytes)), TODAY, 0, "SIGNATURE"));
        c.add(new BundleCases("signed in the reply context", TeamBundleSigner.assemble(payloadBytes,
                root.sign(SignatureContext.REPLY, BundleFixtures.DEPLOYMENT, payloadBytes)), TODAY, 0, "SIGNATURE"));
        c.add(new BundleCases("payload altered after signing", rewrapPayload(valid,
                json.replace("\"version\":4", "\"version\":9")), TODAY, 0, "SIGNATURE"));

        c.add(signedRaw("payload for another deployment", TeamBundleSigner.payloadBytes(
                BundleFixtures.payload("other-deployment", 4, BundleFixtures.ISSUED, BundleFixtures.EXPIRES)),
                "WRONG_DEPLOYMENT"));
        String saltHex = org.bouncycastle.util.encoders.Hex.toHexString(BundleFixtures.salt());
        c.add(signedRaw("payload with another salt", bytes(json.replace(saltHex, "00" + saltHex.substring(2))),
                "WRONG_DEPLOYMENT"));
        c.add(signedRaw("payload with weaker Argon2", bytes(json.replace("\"m\":19456", "\"m\":4096")),
                "WRONG_DEPLOYMENT"));
        c.add(signedRaw("payload naming another root key", bytes(json.replace(root.publicKey().hex(),
                stranger.publicKey().hex())), "WRONG_DEPLOYMENT"));

        String recipients = "\"recipients\":[" + "\"" + BundleFixtures.recipient("anna") + "\",\""
                + BundleFixtures.recipient("bo") + "\"]";
        if (!json.contains(recipients)) {
            throw new IllegalStateException("fixture layout changed");
        }
        addMalformed(c, "unknown field", json.replace("{\"format\"", "{\"extra\":1,\"format\""));
        addMalformed(c, "duplicate key", json.replace("\"version\":4", "\"version\":4,\"version\":4"));
        addMalformed(c, "missing field", json.replaceFirst(",\"assets\":\\{.*\\}\\}$", "}"));
        addMalformed(c, "fractional version", json.replace("\"version\":4", "\"version\":4.0"));
        addMalformed(c, "exponent version", json.replace("\"version\":4", "\"version\":4e0"));
        addMalformed(c, "leading zero", json.replace("\"version\":4", "\"version\":04"));
        addMalformed(c, "version as string", json.replace("\"version\":4", "\"version\":\"4\""));
        addMalformed(c, "version zero", json.replace("\"version\":4", "\"version\":0"));
        addMalformed(c, "version beyond 2^53-1", json.replace("\"version\":4", "\"version\":9007199254740992"));
        addMalformed(c, "bad escape", json.replace("\"anna\"", "\"an\\xna\""));
        addMalformed(c, "lone surrogate escape", json.replace("\"anna\"", "\"an\\ud800na\""));
        addMalformed(c, "raw control character", json.replace("\"anna\"", "\"an\tna\""));
        addMalformed(c, "empty recipients", json.replace(recipients, "\"recipients\":[]"));
        addMalformed(c, "retired member still a recipient", json.replace(recipients, recipients.replace("]",
                ",\"" + BundleFixtures.recipient("chris") + "\"]")));
        addMalformed(c, "recipient not an age key", json.replace(recipients, recipients.replace("]", ",\"age1x\"]")));
        addMalformed(c, "impossible date", json.replace("\"issued\":\"2026-03-01\"", "\"issued\":\"2026-02-30\""));
        addMalformed(c, "validity too long", json.replace("\"issued\":\"2026-03-01\"", "\"issued\":\"2026-01-01\""));
        addMalformed(c, "unknown status", json.replace("\"retired\"", "\"on-leave\""));
        addMalformed(c, "upper-case hex key", json.replace(root.publicKey().hex(), root.publicKey().hex().toUpperCase()));
        addMalformed(c, "trailing data", json + "x");
        addMalformed(c, "nested too deeply", json.replace("\"format\"", "\"x\":[[[[[[[[[]]]]]]]]],\"format\""));
        addMalformed(c, "unknown format", json.replace("team-bundle/v1", "team-bundle/v2"));
        byte[] badUtf8 = bytes(json.replace("\"anna\"", "\"anna?\""));
        badUtf8[new String(badUtf8, StandardCharsets.ISO_8859_1).indexOf("anna?") + 4] = (byte) 0xc0;
        c.add(signedRaw("invalid UTF-8", badUtf8, "MALFORMED"));

        String file = new String(valid, StandardCharsets.UTF_8);
        c.add(file("file with an extra field", file.replace("{\"payload\"", "{\"v\":1,\"payload\"")));
        c.add(file("file without a signature", file.replaceFirst(",\"signature\":\"[^\"]*\"", "")));
        c.add(file("file signature 63 bytes", new String(rewrapSignature(valid, sig -> java.util.Arrays.copyOf(sig, 63)),
                StandardCharsets.UTF_8)));
        c.add(file("file with URL-safe base64", file.replace('+', '-').replace('/', '_')));
        c.add(file("file base64 without padding", file.replace("=\"", "\"")));
        c.add(file("file is not JSON", "team bundle"));
        c.add(file("file is empty", ""));
        return c;
    }

    private static byte[] badMlkemKey(String hybridRecipient) {
        byte[] key = nl.klachtenbalie.crypto.encoding.Bech32.decode(hybridRecipient).data();
        key[0] = (byte) 0xff;
        key[1] |= 0x0f; // the first 12-bit coefficient is 4095 ≥ q
        return key;
    }

    private static void addMalformed(List<BundleCases> c, String name, String payloadJson) {
        c.add(signedRaw(name, bytes(payloadJson), "MALFORMED"));
    }

    /** Signed validly by the pinned root for the pinned deployment, whatever the bytes are. */
    private static BundleCases signedRaw(String name, byte[] payloadBytes, String expected) {
        byte[] sig = BundleFixtures.rootKey().sign(SignatureContext.BUNDLE, BundleFixtures.DEPLOYMENT, payloadBytes);
        return new BundleCases(name, TeamBundleSigner.assemble(payloadBytes, sig), TODAY, 0, expected);
    }

    private static BundleCases file(String name, String file) {
        return new BundleCases(name, bytes(file), TODAY, 0, "MALFORMED");
    }

    private static byte[] rewrapSignature(byte[] file, UnaryOperator<byte[]> change) {
        String[] parts = fileParts(file);
        return TeamBundleSigner.assemble(Base64.getDecoder().decode(parts[0]),
                change.apply(Base64.getDecoder().decode(parts[1])));
    }

    private static byte[] rewrapPayload(byte[] file, String newPayload) {
        String[] parts = fileParts(file);
        return TeamBundleSigner.assemble(bytes(newPayload), Base64.getDecoder().decode(parts[1]));
    }

    private static String[] fileParts(byte[] file) {
        String s = new String(file, StandardCharsets.UTF_8);
        String payload = s.replaceFirst("(?s)^\\{\"payload\":\"([^\"]*)\".*$", "$1");
        String sig = s.replaceFirst("(?s)^.*\"signature\":\"([^\"]*)\".*$", "$1");
        return new String[] {payload, sig};
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Parameters that match nothing pinned, for tests of the pins themselves. */
    static final Argon2Params WEAK = new Argon2Params(4096, 1, 1);
}
