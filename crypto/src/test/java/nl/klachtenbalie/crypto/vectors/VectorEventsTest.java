package nl.klachtenbalie.crypto.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import nl.klachtenbalie.crypto.age.X25519Identity;
import nl.klachtenbalie.crypto.bundle.BundleFixtures;
import nl.klachtenbalie.crypto.bundle.TeamBundle;
import nl.klachtenbalie.crypto.bundle.TeamBundleVerifier;
import nl.klachtenbalie.crypto.event.EventException;
import nl.klachtenbalie.crypto.event.EventHash;
import nl.klachtenbalie.crypto.event.EventOpener;
import nl.klachtenbalie.crypto.event.EventVerifier;
import nl.klachtenbalie.crypto.event.MailboxPin;
import nl.klachtenbalie.crypto.event.OpenedEvent;
import nl.klachtenbalie.crypto.event.SignedEnvelope;
import nl.klachtenbalie.crypto.json.JsonParser;
import nl.klachtenbalie.crypto.json.JsonValues;
import nl.klachtenbalie.crypto.receipt.ReceiptCode;
import nl.klachtenbalie.crypto.receipt.ReporterKeys;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/**
 * Reads the committed vector file as the browser does — through the file, not the generator —
 * and re-checks the event sections with the Java library: derive the reply identity from the
 * receipt code, decrypt, unpad, parse and verify.
 */
class VectorEventsTest {

    /**
     * The file through the strict parser. The receipt-parsing section deliberately holds a lone
     * surrogate (typed input the code must refuse), which strict JSON refuses too; it is masked
     * here because this test reads only the event sections.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> file() throws Exception {
        String text = Files.readString(Path.of(System.getProperty("vectors.file")), StandardCharsets.US_ASCII)
                .replaceAll("\\\\ud[89ab][0-9a-f]{2}(?!\\\\ud[c-f][0-9a-f]{2})", "?")
                .replaceAll("(?<!\\\\ud[89ab][0-9a-f]{2})\\\\ud[c-f][0-9a-f]{2}", "?");
        return (Map<String, Object>) JsonParser.parse(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static TeamBundle bundle(Map<String, Object> root) throws Exception {
        Map<String, Object> b = JsonValues.anyObject(root.get("eventBundle"));
        return new TeamBundleVerifier(BundleFixtures.pins(), java.time.LocalDate.parse((String) b.get("today")), 0)
                .verify(Base64.getDecoder().decode((String) b.get("fileB64")));
    }

    @Test
    void ageDecryptCases() throws Exception {
        Map<String, Object> root = file();
        TeamBundle bundle = bundle(root);
        List<Object> derivation = JsonValues.array(root.get("derivation"));
        List<Object> cases = JsonValues.array(root.get("ageDecrypt"));
        assertTrue(cases.size() >= 5);
        List<String> failures = new ArrayList<>();
        for (Object o : cases) {
            Map<String, Object> c = JsonValues.anyObject(o);
            Map<String, Object> d = JsonValues.anyObject(derivation.get((int) (long) (Long) c.get("derivation")));
            ReporterKeys keys = ReporterKeys.derive(ReceiptCode.parse((String) d.get("code")),
                    (String) d.get("deploymentId"), Hex.decode((String) d.get("saltHex")));
            String name = (String) c.get("name");
            if (!keys.replyIdentityString().equals(c.get("replyIdentity"))) {
                failures.add(name + ": identity");
                continue;
            }
            byte[] file = Base64.getDecoder().decode((String) c.get("fileB64"));
            if (!EventHash.of(file).equals(c.get("hash"))) {
                failures.add(name + ": hash");
            }
            String got;
            Object envelope = JsonParser.NULL;
            try {
                OpenedEvent e = new EventOpener(List.of(X25519Identity.parse(keys.replyIdentityString()))).open(file);
                envelope = Base64.getEncoder().encodeToString(e.envelope().encode());
                if (c.get("context").equals("reply")) {
                    EventVerifier.reply(e.envelope(), (String) d.get("deploymentId"), (String) c.get("mailbox"),
                            bundle.payload());
                } else {
                    EventVerifier.reporterMessage(e.envelope(), (String) d.get("deploymentId"),
                            (String) c.get("mailbox"), null);
                }
                got = "VALID";
            } catch (EventException e) {
                got = e.kind().name();
            }
            if (!got.equals(c.get("expected")) || !envelope.equals(c.get("envelopeB64"))) {
                failures.add(name + ": got " + got);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void eventCases() throws Exception {
        Map<String, Object> root = file();
        TeamBundle bundle = bundle(root);
        List<String> failures = new ArrayList<>();
        for (Object o : JsonValues.array(root.get("events"))) {
            Map<String, Object> c = JsonValues.anyObject(o);
            MailboxPin pin = null;
            if (c.get("pin") instanceof Map<?, ?> p) {
                pin = new MailboxPin((String) p.get("mailbox"), Ed25519PublicKey.fromHex((String) p.get("mailboxKey")),
                        (String) p.get("replyRecipient"));
            }
            String got;
            try {
                SignedEnvelope e = SignedEnvelope.parse(Base64.getDecoder().decode((String) c.get("envelopeB64")));
                if (c.get("context").equals("reply")) {
                    EventVerifier.reply(e, BundleFixtures.DEPLOYMENT, (String) c.get("mailbox"), bundle.payload());
                } else {
                    EventVerifier.reporterMessage(e, BundleFixtures.DEPLOYMENT, (String) c.get("mailbox"), pin);
                }
                got = "VALID";
            } catch (EventException e) {
                got = e.kind().name();
            }
            if (!got.equals(c.get("expected"))) {
                failures.add(c.get("name") + ": got " + got);
            }
        }
        assertEquals(List.of(), failures);
    }
}
