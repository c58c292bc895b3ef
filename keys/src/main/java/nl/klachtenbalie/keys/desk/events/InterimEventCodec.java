package nl.klachtenbalie.keys.desk.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.klachtenbalie.crypto.age.AgeDecrypter;
import nl.klachtenbalie.crypto.age.AgeEncrypter;
import nl.klachtenbalie.crypto.age.AgeException;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.crypto.age.X25519Recipient;
import nl.klachtenbalie.crypto.encoding.StrictBase64;
import nl.klachtenbalie.crypto.pad.Padding;
import nl.klachtenbalie.crypto.pad.PaddingException;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;

/**
 * Protocol §7 on the primitives of the crypto module, written for the desk until the crypto
 * module's own event package is merged; the desk uses it only through {@link EventCodec}.
 *
 * <p>Opening is decrypt → unpad → envelope → payload, each step a distinct failure kind. The
 * envelope is {@code {"payload": b64, "signature": b64}}; the signature covers the exact payload
 * bytes, so no canonical JSON is needed.
 */
public final class InterimEventCodec implements EventCodec {

    static final String FORMAT_REPORTER = "klachtenbalie-reporter-msg/v1";
    static final String FORMAT_REPLY = "klachtenbalie-reply/v1";
    static final String FORMAT_INTERNAL = "klachtenbalie-internal/v1";
    /** Texts are capped in characters by §7; 20 000 UTF-16 units is the same bound the browser uses. */
    public static final int MAX_TEXT = 20_000;
    private static final int MAX_ATTACHMENTS = 16;
    private static final String HEX16 = "[0-9a-f]{32}";
    private static final String HEX32 = "[0-9a-f]{64}";
    private static final String MEMBER_ID = "[A-Za-z0-9._-]{1,64}";
    private static final long MAX_SAFE = (1L << 53) - 1;

    private final String deploymentId;
    private final AgeEncrypter encrypter;
    private final AgeDecrypter decrypter = new AgeDecrypter();

    public InterimEventCodec(String deploymentId, SecureRandom random) {
        this.deploymentId = deploymentId;
        this.encrypter = new AgeEncrypter(random);
    }

    @Override
    public ReporterPayload openReporter(byte[] blob, List<? extends Identity> identities) throws EventRejected {
        Signed<ReporterPayload> signed = envelope(open(blob, identities), this::parseReporter);
        Ed25519PublicKey key;
        try {
            key = Ed25519PublicKey.fromHex(signed.payload().mailboxKey());
        } catch (IllegalArgumentException e) {
            throw StrictJson.malformed("mailboxKey is not a valid Ed25519 key");
        }
        if (!signed.verifiedBy(key, SignatureContext.REPORTER_MSG, deploymentId)) {
            throw new EventRejected(EventRejected.Kind.SIGNATURE, "the reporter's signature does not verify");
        }
        return signed.payload();
    }

    @Override
    public byte[] openAttachment(byte[] blob, List<? extends Identity> identities) throws EventRejected {
        return open(blob, identities);
    }

    @Override
    public Signed<ReplyPayload> openReply(byte[] blob, List<? extends Identity> identities) throws EventRejected {
        return envelope(open(blob, identities), this::parseReply);
    }

    @Override
    public Signed<InternalPayload> openInternal(byte[] blob, List<? extends Identity> identities) throws EventRejected {
        return envelope(open(blob, identities), this::parseInternal);
    }

    @Override
    public byte[] sealReply(ReplyPayload r, Ed25519PrivateKey signingKey, List<X25519Recipient> recipients) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT_REPLY);
        m.put("mailbox", r.mailbox());
        m.put("replySeq", r.replySeq());
        m.put("lastReporterEvent", r.lastReporterEvent());
        m.put("bundleVersion", r.bundleVersion());
        m.put("signer", r.signer());
        m.put("day", r.day().toString());
        m.put("lang", r.lang());
        m.put("text", r.text());
        byte[] payload = json(m);
        check(() -> parseReply(payload));
        return seal(payload, SignatureContext.REPLY, signingKey, recipients);
    }

    @Override
    public byte[] sealInternal(InternalPayload e, Ed25519PrivateKey signingKey, List<X25519Recipient> recipients) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT_INTERNAL);
        m.put("signer", e.signer());
        m.put("day", e.day().toString());
        m.put("mailbox", e.mailbox());
        m.put("type", e.type());
        m.put("value", e.value());
        byte[] payload = json(m);
        check(() -> parseInternal(payload));
        return seal(payload, SignatureContext.INTERNAL, signingKey, recipients);
    }

    /**
     * Seals a reporter message as the browser does. The desk never writes these (it holds no
     * mailbox key); this exists for tests and demo data.
     */
    public byte[] sealReporter(ReporterPayload p, Ed25519PrivateKey mailboxKey, List<X25519Recipient> recipients) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT_REPORTER);
        m.put("kind", p.kind());
        m.put("mailbox", p.mailbox());
        m.put("mailboxKey", p.mailboxKey());
        m.put("replyRecipient", p.replyRecipient());
        m.put("seq", p.seq());
        m.put("lastSeen", p.lastSeen());
        m.put("bundleVersion", p.bundleVersion());
        m.put("lang", p.lang());
        m.put("text", p.text());
        if (p.isReport()) {
            m.put("form", p.form());
            List<Map<String, Object>> atts = new ArrayList<>();
            for (AttachmentRef a : p.attachments()) {
                Map<String, Object> am = new LinkedHashMap<>();
                am.put("seq", a.seq());
                am.put("sha256", a.sha256());
                am.put("type", a.type());
                am.put("bytes", a.bytes());
                atts.add(am);
            }
            m.put("attachments", atts);
        }
        return seal(json(m), SignatureContext.REPORTER_MSG, mailboxKey, recipients);
    }

    /** Pads and encrypts raw content, as an attachment is stored. For tests and demo data. */
    public byte[] sealAttachment(byte[] image, List<X25519Recipient> recipients) {
        try {
            return encrypter.encrypt(Padding.pad(image), recipients);
        } catch (PaddingException e) {
            throw new IllegalArgumentException("attachment too large");
        }
    }

    private byte[] seal(byte[] payload, SignatureContext context, Ed25519PrivateKey key, List<X25519Recipient> recipients) {
        byte[] signature = key.sign(context, deploymentId, payload);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("payload", StrictBase64.encodePadded(payload));
        envelope.put("signature", StrictBase64.encodePadded(signature));
        try {
            return encrypter.encrypt(Padding.pad(json(envelope)), recipients);
        } catch (PaddingException e) {
            throw new IllegalArgumentException("event too large");
        }
    }

    private byte[] open(byte[] blob, List<? extends Identity> identities) throws EventRejected {
        byte[] padded;
        try {
            padded = decrypter.decrypt(blob, identities);
        } catch (AgeException e) {
            throw new EventRejected(EventRejected.Kind.DECRYPT, e.kind() == AgeException.Kind.NO_MATCH
                    ? "not encrypted to this member" : "damaged age file (" + e.kind() + ")");
        }
        try {
            return Padding.unpad(padded);
        } catch (PaddingException e) {
            throw new EventRejected(EventRejected.Kind.PADDING, "bad padding (" + e.getMessage() + ")");
        }
    }

    private interface PayloadParser<T> {
        T parse(byte[] payload) throws EventRejected;
    }

    private <T> Signed<T> envelope(byte[] content, PayloadParser<T> parser) throws EventRejected {
        ObjectNode env = StrictJson.object(content, Set.of("payload", "signature"), Set.of());
        byte[] payload;
        byte[] signature;
        try {
            payload = StrictBase64.decodePadded(StrictJson.string(env, "payload", Padding.MAX_CONTENT_LENGTH));
            signature = StrictBase64.decodePadded(StrictJson.string(env, "signature", 100));
        } catch (IllegalArgumentException e) {
            throw StrictJson.malformed("envelope base64 is not canonical");
        }
        if (signature.length != 64) {
            throw StrictJson.malformed("signature is not 64 bytes");
        }
        return new Signed<>(parser.parse(payload), payload, signature);
    }

    private ReporterPayload parseReporter(byte[] bytes) throws EventRejected {
        ObjectNode o = StrictJson.object(bytes,
                Set.of("format", "kind", "mailbox", "mailboxKey", "replyRecipient", "seq", "lastSeen", "bundleVersion",
                        "lang", "text"),
                Set.of("form", "attachments"));
        format(o, FORMAT_REPORTER);
        String kind = StrictJson.matching(o, "kind", "report|message");
        boolean report = kind.equals(ReporterPayload.KIND_REPORT);
        if (!report && (o.has("form") || o.has("attachments"))) {
            throw StrictJson.malformed("a follow-up message has no form or attachments");
        }
        String replyRecipient = StrictJson.string(o, "replyRecipient", 100);
        try {
            if (!X25519Recipient.parse(replyRecipient).toString().equals(replyRecipient)) {
                throw StrictJson.malformed("replyRecipient is not canonical");
            }
        } catch (IllegalArgumentException e) {
            throw StrictJson.malformed("replyRecipient is not an age recipient");
        }
        String lastSeen = StrictJson.matching(o, "lastSeen", "|" + HEX32);
        if (report != lastSeen.isEmpty()) {
            throw StrictJson.malformed(report ? "a report has no lastSeen" : "a message needs lastSeen");
        }
        Map<String, String> form = new LinkedHashMap<>();
        List<AttachmentRef> attachments = new ArrayList<>();
        if (report) {
            JsonNode f = o.get("form");
            if (f != null) {
                if (!f.isObject()) {
                    throw StrictJson.malformed("form must be an object");
                }
                for (var it = f.fieldNames(); it.hasNext(); ) {
                    String field = it.next();
                    String value = StrictJson.string(f, field, FormCodes.MAX_PLACE);
                    String why = FormCodes.check(field, value);
                    if (why != null) {
                        throw StrictJson.malformed(why);
                    }
                    form.put(field, value);
                }
            }
            JsonNode a = o.get("attachments");
            if (a != null) {
                if (!a.isArray() || a.size() > MAX_ATTACHMENTS) {
                    throw StrictJson.malformed("attachments must be a short array");
                }
                for (JsonNode item : a) {
                    if (!item.isObject()) {
                        throw StrictJson.malformed("attachment must be an object");
                    }
                    ObjectNode ao = StrictJson.object(json(item), Set.of("seq", "sha256", "type", "bytes"), Set.of());
                    attachments.add(new AttachmentRef(StrictJson.integer(ao, "seq", 2, MAX_SAFE),
                            StrictJson.matching(ao, "sha256", HEX32),
                            StrictJson.matching(ao, "type", "image/jpeg|image/png"),
                            StrictJson.integer(ao, "bytes", 1, Padding.MAX_CONTENT_LENGTH)));
                }
            }
        }
        return new ReporterPayload(kind, StrictJson.matching(o, "mailbox", HEX16),
                StrictJson.matching(o, "mailboxKey", HEX32), replyRecipient,
                StrictJson.integer(o, "seq", 1, MAX_SAFE), lastSeen,
                StrictJson.integer(o, "bundleVersion", 1, MAX_SAFE),
                StrictJson.matching(o, "lang", FormCodes.LANG.pattern()),
                StrictJson.string(o, "text", MAX_TEXT), form, attachments);
    }

    private ReplyPayload parseReply(byte[] bytes) throws EventRejected {
        ObjectNode o = StrictJson.object(bytes, Set.of("format", "mailbox", "replySeq", "lastReporterEvent",
                "bundleVersion", "signer", "day", "lang", "text"), Set.of());
        format(o, FORMAT_REPLY);
        return new ReplyPayload(StrictJson.matching(o, "mailbox", HEX16),
                StrictJson.integer(o, "replySeq", 1, MAX_SAFE),
                StrictJson.matching(o, "lastReporterEvent", HEX32),
                StrictJson.integer(o, "bundleVersion", 1, MAX_SAFE),
                StrictJson.matching(o, "signer", MEMBER_ID), StrictJson.day(o, "day"),
                StrictJson.matching(o, "lang", FormCodes.LANG.pattern()), StrictJson.string(o, "text", MAX_TEXT));
    }

    private InternalPayload parseInternal(byte[] bytes) throws EventRejected {
        ObjectNode o = StrictJson.object(bytes, Set.of("format", "signer", "day", "mailbox", "type", "value"), Set.of());
        format(o, FORMAT_INTERNAL);
        return new InternalPayload(StrictJson.matching(o, "signer", MEMBER_ID), StrictJson.day(o, "day"),
                StrictJson.matching(o, "mailbox", HEX16), StrictJson.matching(o, "type", "state|note|assign|label"),
                StrictJson.string(o, "value", MAX_TEXT));
    }

    private static void format(ObjectNode o, String expected) throws EventRejected {
        if (!expected.equals(StrictJson.string(o, "format", 64))) {
            throw StrictJson.malformed("wrong format");
        }
    }

    private interface Check {
        Object run() throws EventRejected;
    }

    /** The writer runs its own reader over what it is about to sign, so the desk never signs a payload it would refuse. */
    private static void check(Check c) {
        try {
            c.run();
        } catch (EventRejected e) {
            throw new IllegalArgumentException("refusing to sign: " + e.getMessage());
        }
    }

    private static byte[] json(Object value) {
        try {
            return StrictJson.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
