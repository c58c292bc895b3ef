package nl.klachtenbalie.crypto.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every cctv-age vector through the decrypter and checks the outcome and its failure kind,
 * and for successes and payload failures the SHA-256 of all plaintext released. Failures are
 * collected so one run shows all of them.
 */
class CctvVectorsTest {

    /** The pinned cctv-age release (crypto/testkit/package-lock.json) has this many vectors. */
    private static final int VECTOR_COUNT = 143;

    private static List<CctvVector> vectors;

    @BeforeAll
    static void load() {
        vectors = CctvVector.loadAll();
    }

    @Test
    void allVectorsAreThere() {
        assertEquals(VECTOR_COUNT, vectors.size(), "number of cctv-age vectors");
    }

    /** The hybrid post-quantum vectors, named so that a renamed or dropped one is noticed. */
    static final Set<String> HYBRID_VECTORS = new TreeSet<>(List.of(
            "armor_hybrid", "hybrid", "hybrid_and_x25519", "hybrid_bad_tag",
            "hybrid_currupted_enc_mlkem", "hybrid_currupted_enc_x25519", "hybrid_extra_argument",
            "hybrid_grease", "hybrid_identity", "hybrid_long_file_key", "hybrid_long_share",
            "hybrid_low_order", "hybrid_multiple_recipients", "hybrid_no_match",
            "hybrid_not_canonical_body", "hybrid_not_canonical_enc", "hybrid_short_share",
            "hybrid_uppercase", "hybrid_x25519_arg"));

    @Test
    void theHybridVectorsAreThereAndChecked() {
        Set<String> hybrid = new TreeSet<>();
        for (CctvVector v : vectors) {
            if (v.isHybrid()) {
                hybrid.add(v.name());
            }
        }
        assertEquals(HYBRID_VECTORS, hybrid);
    }

    @Test
    void identityTypesDoNotParseEachOther() {
        for (CctvVector v : vectors) {
            for (String identity : v.identities()) {
                if (identity.startsWith("AGE-SECRET-KEY-PQ-")) {
                    assertThrows(IllegalArgumentException.class, () -> X25519Identity.parse(identity), v.name());
                } else {
                    assertThrows(IllegalArgumentException.class, () -> HybridIdentity.parse(identity), v.name());
                }
            }
        }
    }

    @Test
    void everySupportedVectorGivesTheExpectedResult() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (CctvVector v : vectors) {
            checked++;
            String problem;
            try {
                problem = check(v);
            } catch (RuntimeException | IOException e) {
                problem = "unexpected " + e;
            }
            if (problem != null) {
                failures.add(v.name() + " (expect " + v.expect() + "): " + problem);
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + checked + " vectors failed");
        assertEquals(VECTOR_COUNT, checked);
    }

    /** Returns null if the vector behaves as expected, else what went wrong. */
    static String check(CctvVector v) throws IOException {
        List<Identity> identities = new ArrayList<>();
        for (String s : v.identities()) {
            identities.add(s.startsWith("AGE-SECRET-KEY-PQ-") ? HybridIdentity.parse(s) : X25519Identity.parse(s));
        }
        for (String p : v.passphrases()) {
            identities.add(new ScryptIdentity(p.toCharArray()));
        }
        if (identities.isEmpty()) {
            // Vectors that fail before any key is needed list none; the API demands at least one.
            identities.add(X25519Identity.generate(new java.security.SecureRandom()));
        }
        MessageDigest released = sha256();
        AgeException.Kind failure = null;
        AgeDecrypter decrypter = new AgeDecrypter();
        InputStream file = new ByteArrayInputStream(v.file());
        try (InputStream plaintext = v.armored()
                ? decrypter.decryptArmored(file, identities)
                : decrypter.decrypt(file, identities)) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = plaintext.read(buf)) >= 0) {
                released.update(buf, 0, n);
            }
        } catch (AgeException e) {
            failure = e.kind();
        }
        AgeException.Kind expected = switch (v.expect()) {
            case CctvVector.SUCCESS -> null;
            case CctvVector.NO_MATCH -> AgeException.Kind.NO_MATCH;
            case CctvVector.HMAC_FAILURE -> AgeException.Kind.HMAC;
            case CctvVector.HEADER_FAILURE -> AgeException.Kind.HEADER;
            case CctvVector.PAYLOAD_FAILURE -> AgeException.Kind.PAYLOAD;
            case CctvVector.ARMOR_FAILURE -> AgeException.Kind.ARMOR;
            default -> throw new IllegalStateException("unknown expectation " + v.expect());
        };
        if (failure != expected) {
            return "got " + (failure == null ? "success" : failure);
        }
        if (expected == null || expected == AgeException.Kind.PAYLOAD) {
            String hash = Hex.toHexString(released.digest());
            if (!hash.equals(Hex.toHexString(v.payloadHash()))) {
                return "released plaintext has SHA-256 " + hash;
            }
        }
        return null;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void checkDetectsAWrongPayloadHash() throws IOException {
        // Guards the harness itself: a vector with a corrupted expected hash must be reported.
        CctvVector x25519 = vectors.stream().filter(v -> v.name().equals("x25519")).findFirst().orElseThrow();
        byte[] wrong = x25519.payloadHash().clone();
        wrong[0] ^= 1;
        CctvVector tampered = new CctvVector(x25519.name(), x25519.expect(), wrong, x25519.identities(),
                x25519.passphrases(), x25519.armored(), x25519.fileKey(), x25519.file());
        assertTrue(check(tampered) != null);
        CctvVector wrongExpectation = new CctvVector(x25519.name(), CctvVector.HEADER_FAILURE, wrong,
                x25519.identities(), x25519.passphrases(), x25519.armored(), x25519.fileKey(), x25519.file());
        assertTrue(check(wrongExpectation) != null);
    }
}
