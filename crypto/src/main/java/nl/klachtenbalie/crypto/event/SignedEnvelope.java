package nl.klachtenbalie.crypto.event;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import nl.klachtenbalie.crypto.encoding.StrictBase64;
import nl.klachtenbalie.crypto.json.JsonException;
import nl.klachtenbalie.crypto.json.JsonParser;
import nl.klachtenbalie.crypto.json.JsonValues;
import nl.klachtenbalie.crypto.json.JsonWriter;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;

/**
 * The signed envelope inside every event's encryption (protocol §7):
 * {@code {"payload":"<b64>","signature":"<b64>"}}, the signature being Ed25519 over
 * {@code signed(context, deploymentId, payloadBytes)}. The signature covers the exact payload
 * bytes, so no JSON canonicalisation is ever needed.
 *
 * <p>Parsing the envelope checks only its shape; nothing of the payload is trusted until
 * {@link #verify} succeeded under the key the caller expected. {@link #unverifiedPayload()} is
 * named so that every use of unverified content can be found with grep.
 */
public final class SignedEnvelope {

    /** The largest payload: 20 000 code points of text at up to 4 UTF-8 bytes, plus the fields. */
    public static final int MAX_PAYLOAD_SIZE = 128 * 1024;

    /** The largest encoded envelope: the payload in base64 plus the signature and the braces. */
    public static final int MAX_ENCODED_SIZE = 4 * (MAX_PAYLOAD_SIZE / 3 + 1) + 256;

    private static final Set<String> KEYS = Set.of("payload", "signature");
    private static final int SIGNATURE_LENGTH = 64;

    private final byte[] payload;
    private final byte[] signature;

    private SignedEnvelope(byte[] payload, byte[] signature) {
        this.payload = payload;
        this.signature = signature;
    }

    /**
     * Signs {@code payload} for {@code context} and {@code deploymentId}.
     *
     * @throws IllegalArgumentException if the payload is larger than {@link #MAX_PAYLOAD_SIZE}
     */
    public static SignedEnvelope sign(Ed25519PrivateKey key, SignatureContext context, String deploymentId,
            byte[] payload) {
        Objects.requireNonNull(key, "key");
        if (payload.length > MAX_PAYLOAD_SIZE) {
            throw new IllegalArgumentException("payload too large");
        }
        return new SignedEnvelope(payload.clone(), key.sign(context, deploymentId, payload));
    }

    /**
     * An envelope from given bytes without any check: for tests and vector files that need
     * deliberately broken envelopes. What it encodes may well fail {@link #parse}.
     */
    public static SignedEnvelope assembleUnchecked(byte[] payload, byte[] signature) {
        return new SignedEnvelope(payload.clone(), signature.clone());
    }

    /** The envelope's JSON bytes (no white space, no trailing newline). */
    public byte[] encode() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("payload", StrictBase64.encodePadded(payload));
        m.put("signature", StrictBase64.encodePadded(signature));
        return JsonWriter.write(m);
    }

    /**
     * Parses an envelope: at most {@link #MAX_ENCODED_SIZE} bytes of strict JSON with exactly the
     * two string fields, canonical padded base64, a 64-byte signature and a payload of at most
     * {@link #MAX_PAYLOAD_SIZE} bytes. The payload is not looked at.
     *
     * @throws EventException of kind {@code MALFORMED}
     */
    public static SignedEnvelope parse(byte[] encoded) throws EventException {
        if (encoded == null || encoded.length > MAX_ENCODED_SIZE) {
            throw EventException.malformed("envelope missing or too large");
        }
        try {
            Map<String, Object> m = JsonValues.object(JsonParser.parse(encoded), KEYS);
            byte[] payload = StrictBase64.decodePadded(JsonValues.string(m.get("payload")));
            byte[] signature = StrictBase64.decodePadded(JsonValues.string(m.get("signature")));
            if (signature.length != SIGNATURE_LENGTH) {
                throw EventException.malformed("signature must be 64 bytes");
            }
            if (payload.length > MAX_PAYLOAD_SIZE) {
                throw EventException.malformed("payload too large");
            }
            return new SignedEnvelope(payload, signature);
        } catch (JsonException e) {
            throw EventException.malformed("envelope: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw EventException.malformed("envelope: base64 is not canonical");
        }
    }

    /**
     * Verifies the signature under {@code key} for {@code context} and {@code deploymentId}; a
     * signature made for any other context (a reply presented as a reporter message) or
     * deployment fails.
     *
     * @return the verified payload bytes (a copy)
     * @throws EventException of kind {@code SIGNATURE}
     */
    public byte[] verify(Ed25519PublicKey key, SignatureContext context, String deploymentId) throws EventException {
        if (!verifies(key, context, deploymentId)) {
            throw new EventException(EventException.Kind.SIGNATURE, "signature does not verify for " + context.label());
        }
        return payload.clone();
    }

    /** True if the signature verifies; never throws. */
    public boolean verifies(Ed25519PublicKey key, SignatureContext context, String deploymentId) {
        return key != null && context != null && key.verify(context, deploymentId, signature, payload);
    }

    /**
     * The payload bytes before any verification (a copy). Only for finding out which key to verify
     * with (the signer id of a reply) and for diagnostics; act on nothing in it until
     * {@link #verify} succeeded.
     */
    public byte[] unverifiedPayload() {
        return payload.clone();
    }

    /** The 64-byte signature (a copy). */
    public byte[] signature() {
        return signature.clone();
    }

    /** Strict JSON of a payload, refusing anything above {@link #MAX_PAYLOAD_SIZE} before parsing. */
    static Object parseJson(byte[] json) throws JsonException {
        if (json == null || json.length > MAX_PAYLOAD_SIZE) {
            throw new JsonException("payload missing or too large");
        }
        return JsonParser.parse(json);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedEnvelope e && Arrays.equals(payload, e.payload) && Arrays.equals(signature, e.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "SignedEnvelope[" + payload.length + " payload bytes]";
    }
}
