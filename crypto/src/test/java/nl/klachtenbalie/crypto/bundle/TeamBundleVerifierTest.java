package nl.klachtenbalie.crypto.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TeamBundleVerifierTest {

    @Test
    void everyCaseHasItsExpectedVerdict() {
        List<String> failures = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (BundleCases c : BundleCases.all()) {
            if (!names.add(c.name())) {
                failures.add("duplicate name " + c.name());
            }
            String got;
            try {
                new TeamBundleVerifier(BundleFixtures.pins(), c.today(), c.highestSeenVersion()).verify(c.file());
                got = "VALID";
            } catch (BundleException e) {
                got = e.kind().name();
            }
            if (!got.equals(c.expected())) {
                failures.add(c.name() + ": expected " + c.expected() + ", got " + got);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void everyKindIsCovered() {
        Set<String> kinds = new HashSet<>();
        BundleCases.all().forEach(c -> kinds.add(c.expected()));
        for (BundleException.Kind k : BundleException.Kind.values()) {
            assertTrue(kinds.contains(k.name()), k.name());
        }
    }

    @Test
    void verifiedBundleExposesThePayload() throws BundleException {
        byte[] file = new TeamBundleSigner(BundleFixtures.rootKey()).sign(BundleFixtures.payload(7));
        TeamBundle b = new TeamBundleVerifier(BundleFixtures.pins(), BundleCases.TODAY, 3).verify(file);
        assertEquals(7, b.version());
        assertEquals(BundleFixtures.payload(7), b.payload());
        assertEquals(2, b.recipients().size());
        assertEquals(1, b.payload().membersWithStatus(MemberStatus.COMPROMISED).size());
    }

    @Test
    void oversizedFileIsMalformed() {
        byte[] big = new byte[TeamBundleVerifier.MAX_FILE_SIZE + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        BundleException e = assertThrows(BundleException.class,
                () -> new TeamBundleVerifier(BundleFixtures.pins(), BundleCases.TODAY, 0).verify(big));
        assertEquals(BundleException.Kind.MALFORMED, e.kind());
        assertThrows(BundleException.class,
                () -> new TeamBundleVerifier(BundleFixtures.pins(), BundleCases.TODAY, 0).verify(null));
    }

    @Test
    void hybridBundleFor64MembersFitsTheFileLimit() throws BundleException {
        TeamBundlePayload p = BundleFixtures.hybridPayload(9, 64);
        byte[] file = new TeamBundleSigner(BundleFixtures.rootKey()).sign(p);
        assertTrue(file.length > 256 * 1024 && file.length <= TeamBundleVerifier.MAX_FILE_SIZE, "" + file.length);
        TeamBundle b = new TeamBundleVerifier(BundleFixtures.pins(), BundleCases.TODAY, 0).verify(file);
        assertTrue(b.payload().hybrid());
        assertEquals(64, b.payload().recipients().size());
        assertTrue(!BundleFixtures.payload(4).hybrid());
    }

    @Test
    void mixedRecipientsAreRefusedByTheConstructor() {
        TeamBundlePayload h = BundleFixtures.hybridPayload(4, 2);
        List<Member> members = new ArrayList<>(h.members());
        Member first = members.get(0);
        Member classic = new Member(first.id(), BundleFixtures.recipient("x"), first.signingKey(), first.status(),
                first.since());
        members.set(0, classic);
        List<String> recipients = List.of(classic.recipient(), h.recipients().get(1));
        assertThrows(IllegalArgumentException.class, () -> new TeamBundlePayload(h.deployment(), 4, h.issued(),
                h.expires(), h.rootKey(), h.argon2Salt(), h.argon2Params(), recipients, members, h.assets()));
    }

    @Test
    void signerIsDeterministicAndRefusesAForeignRoot() {
        byte[] a = new TeamBundleSigner(BundleFixtures.rootKey()).sign(BundleFixtures.payload(4));
        byte[] b = new TeamBundleSigner(BundleFixtures.rootKey()).sign(BundleFixtures.payload(4));
        assertEquals(new String(a, StandardCharsets.UTF_8), new String(b, StandardCharsets.UTF_8));
        TeamBundleSigner stranger = new TeamBundleSigner(
                nl.klachtenbalie.crypto.sign.Ed25519PrivateKey.fromSeed(BundleFixtures.fixedBytes("stranger")));
        assertThrows(IllegalArgumentException.class, () -> stranger.sign(BundleFixtures.payload(4)));
    }

    @Test
    void payloadRoundTripsThroughJson() throws BundleException {
        TeamBundlePayload p = BundleFixtures.payload(12);
        byte[] json = TeamBundleSigner.payloadBytes(p);
        assertEquals(p, PayloadJson.read(json));
        assertEquals(new String(json, StandardCharsets.UTF_8),
                new String(TeamBundleSigner.payloadBytes(PayloadJson.read(json)), StandardCharsets.UTF_8));
    }

    @Test
    void payloadConstructorRules() {
        assertThrows(IllegalArgumentException.class, () -> BundleFixtures.payload("d", 1, BundleFixtures.ISSUED,
                BundleFixtures.ISSUED.plusDays(59)));
        assertThrows(IllegalArgumentException.class, () -> BundleFixtures.payload("d", 1, BundleFixtures.ISSUED,
                BundleFixtures.ISSUED.plusDays(91)));
        BundleFixtures.payload("d", 1, BundleFixtures.ISSUED, BundleFixtures.ISSUED.plusDays(60));
        BundleFixtures.payload("d", 1, BundleFixtures.ISSUED, BundleFixtures.ISSUED.plusDays(90));
        assertThrows(IllegalArgumentException.class, () -> BundleFixtures.payload(0));
        assertThrows(IllegalArgumentException.class, () -> BundleFixtures.payload("bad id", 1,
                BundleFixtures.ISSUED, BundleFixtures.EXPIRES));
    }

    @Test
    void pinsCheckTheirInputs() {
        assertThrows(IllegalArgumentException.class, () -> DeploymentPins.of("d",
                BundleFixtures.rootKey().publicKey(), new byte[15], BundleCases.WEAK));
        assertEquals(BundleFixtures.pins(), BundleFixtures.pins());
        assertTrue(BundleFixtures.pins().toString().contains(BundleFixtures.pins().fingerprint()));
    }
}
