package nl.klachtenbalie.crypto.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import nl.klachtenbalie.crypto.age.AgeDecrypter;
import nl.klachtenbalie.crypto.age.AgeException;
import nl.klachtenbalie.crypto.age.X25519Identity;
import nl.klachtenbalie.crypto.age.armor.ArmorReader;
import nl.klachtenbalie.crypto.age.format.Header;
import nl.klachtenbalie.crypto.bundle.BundleException;
import nl.klachtenbalie.crypto.bundle.BundleFixtures;
import nl.klachtenbalie.crypto.bundle.TeamBundleVerifier;
import nl.klachtenbalie.crypto.event.EventException;
import nl.klachtenbalie.crypto.event.EventFixtures;
import nl.klachtenbalie.crypto.event.EventVerifier;
import nl.klachtenbalie.crypto.event.InternalEvent;
import nl.klachtenbalie.crypto.event.Reply;
import nl.klachtenbalie.crypto.event.ReporterMessage;
import nl.klachtenbalie.crypto.event.SignedEnvelope;
import nl.klachtenbalie.crypto.json.JsonException;
import nl.klachtenbalie.crypto.json.JsonParser;
import nl.klachtenbalie.crypto.receipt.ReceiptCode;
import nl.klachtenbalie.crypto.receipt.ReceiptCodeException;

/**
 * Coverage-guided fuzz targets for every parser in the crypto library that reads bytes from
 * outside. The contract under test: only the documented exception type escapes (AgeException /
 * IOException, BundleException, EventException, ReceiptCodeException, JsonException); anything
 * else — a NullPointerException, an index out of bounds, a ClassCastException, an OutOfMemoryError,
 * a hang — is a finding. Where a parse succeeds, the result must round-trip.
 *
 * <p>In a normal build each target replays its committed seeds from
 * {@code src/test/resources/nl/klachtenbalie/crypto/fuzz/ParserFuzzTestInputs/<target>/}; with
 * {@code JAZZER_FUZZ=1} one target at a time is fuzzed (docs/testing.md).
 */
class ParserFuzzTest {

    private static final X25519Identity IDENTITY = EventFixtures.memberIdentity("anna");

    /** The age header parser: canonical encoding only, so a parsed header re-encodes to the bytes read. */
    @FuzzTest(maxDuration = "10m")
    void ageHeader(byte[] data) {
        try {
            Header.ParsedHeader parsed = Header.parse(new ByteArrayInputStream(data));
            byte[] again = parsed.header().encode();
            assertArrayEquals(Arrays.copyOf(data, again.length), again, "header round trip");
        } catch (IOException expected) {
            // AgeException (header) is an IOException; both are the documented refusals.
        }
    }

    /** Whole-file decryption with a real identity: header, unwrap, MAC, STREAM. */
    @FuzzTest(maxDuration = "10m")
    void ageDecrypt(byte[] data) {
        try {
            new AgeDecrypter().decrypt(data, List.of(IDENTITY));
        } catch (AgeException expected) {
            // refused
        }
    }

    /** The ASCII armor reader, read to the end through small reads. */
    @FuzzTest(maxDuration = "10m")
    void armor(byte[] data) {
        try (InputStream in = new ArmorReader(new ByteArrayInputStream(data))) {
            byte[] buf = new byte[7];
            while (in.read(buf, 0, buf.length) >= 0) {
                // drain
            }
        } catch (IOException expected) {
            // refused
        }
    }

    /** Receipt codes as typed by a person: anything in, a code or a ReceiptCodeException out. */
    @FuzzTest(maxDuration = "10m")
    void receiptCode(FuzzedDataProvider in) {
        String typed = in.consumeRemainingAsString();
        try {
            ReceiptCode code = ReceiptCode.parse(typed);
            assertEquals(code, ReceiptCode.parse(code.grouped()), "grouped form parses back");
            assertEquals(code, ReceiptCode.parse(code.digits()), "digits parse back");
        } catch (ReceiptCodeException expected) {
            // refused
        }
    }

    /** The team-bundle verifier against the fixture deployment's pins. */
    @FuzzTest(maxDuration = "10m")
    void teamBundle(byte[] data) {
        try {
            new TeamBundleVerifier(BundleFixtures.pins(), BundleFixtures.ISSUED.plusDays(1), 0).verify(data);
        } catch (BundleException expected) {
            // refused
        }
    }

    /** The signed event envelope and every payload decoder behind it. */
    @FuzzTest(maxDuration = "10m")
    void eventEnvelope(byte[] data) {
        try {
            SignedEnvelope envelope = SignedEnvelope.parse(data);
            assertEquals(envelope, SignedEnvelope.parse(envelope.encode()), "envelope round trip");
            byte[] payload = envelope.unverifiedPayload();
            tryDecode(() -> EventVerifier.reporterMessage(envelope, BundleFixtures.DEPLOYMENT, "00".repeat(16), null));
            tryDecode(() -> EventVerifier.reply(envelope, BundleFixtures.DEPLOYMENT, "00".repeat(16), EventFixtures.bundle()));
            tryDecode(() -> EventVerifier.internal(envelope, BundleFixtures.DEPLOYMENT, EventFixtures.bundle()));
            tryDecode(() -> ReporterMessage.fromJson(payload));
        } catch (EventException expected) {
            // refused
        }
    }

    /** The payload decoders on raw bytes, which the envelope's signature check would otherwise shield. */
    @FuzzTest(maxDuration = "10m")
    void eventPayload(byte[] data) {
        tryDecode(() -> ReporterMessage.fromJson(data));
        tryDecode(() -> Reply.fromJson(data));
        tryDecode(() -> InternalEvent.fromJson(data));
        try {
            JsonParser.parse(data);
        } catch (JsonException expected) {
            // refused
        }
    }

    private interface Decode {
        Object run() throws EventException;
    }

    private static void tryDecode(Decode d) {
        try {
            d.run();
        } catch (EventException expected) {
            // refused
        }
    }
}
