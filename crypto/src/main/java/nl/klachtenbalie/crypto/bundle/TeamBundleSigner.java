package nl.klachtenbalie.crypto.bundle;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import nl.klachtenbalie.crypto.json.JsonWriter;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;

/**
 * Signs team bundles with the offline root key (at a key ceremony). The payload is serialised here,
 * once, and the signature covers those exact bytes; the file carries them base64-encoded, so no
 * JSON canonicalisation is ever needed to verify.
 */
public final class TeamBundleSigner {

    private final Ed25519PrivateKey rootKey;

    public TeamBundleSigner(Ed25519PrivateKey rootKey) {
        this.rootKey = Objects.requireNonNull(rootKey, "rootKey");
    }

    /** The payload's JSON bytes, as they will be signed. */
    public static byte[] payloadBytes(TeamBundlePayload payload) {
        return PayloadJson.write(payload);
    }

    /**
     * Produces the bundle file: {@code {"payload":"<b64>","signature":"<b64>"}} and a newline.
     *
     * @throws IllegalArgumentException if the payload names a different root key than this signer's
     */
    public byte[] sign(TeamBundlePayload payload) {
        if (!payload.rootKey().equals(rootKey.publicKey())) {
            throw new IllegalArgumentException("payload names a different root key");
        }
        byte[] bytes = payloadBytes(payload);
        byte[] signature = rootKey.sign(SignatureContext.BUNDLE, payload.deployment(), bytes);
        return assemble(bytes, signature);
    }

    /**
     * Wraps already-signed payload bytes into the file format. Does not check anything: for tools
     * and test vectors that need to build deliberately broken bundles.
     */
    public static byte[] assemble(byte[] payloadBytes, byte[] signature) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("payload", Base64.getEncoder().encodeToString(payloadBytes));
        file.put("signature", Base64.getEncoder().encodeToString(signature));
        byte[] json = JsonWriter.write(file);
        byte[] out = new byte[json.length + 1];
        System.arraycopy(json, 0, out, 0, json.length);
        out[json.length] = '\n';
        return out;
    }
}
