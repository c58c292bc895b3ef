package nl.klachtenbalie.crypto.sign;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The exact bytes every Ed25519 signature in the protocol covers (protocol §4):
 *
 * <pre>
 * ascii("klachtenbalie/v1/" ‖ context) ‖ 0x00 ‖ u16(len(utf8(deploymentId))) ‖ utf8(deploymentId) ‖
 * for each part: u32(len(part)) ‖ part
 * </pre>
 *
 * <p>Every variable-length field is length-prefixed, so two different (deployment, parts) tuples
 * never encode to the same bytes; the 0x00 after the context label cannot occur inside a label, so
 * no context is a prefix of another's encoding. Callers pass canonical bytes as parts — never the
 * output of a JSON library, whose byte form is not stable.
 */
public final class SignedMessage {

    /** Refuse absurd inputs early: nothing in the protocol signs more than a padded bucket. */
    static final long MAX_ENCODED_LENGTH = 64L * 1024 * 1024;

    private SignedMessage() {
    }

    /**
     * Encodes the signed bytes.
     *
     * @throws IllegalArgumentException if the deployment id is empty or longer than 65535 UTF-8
     *     bytes, or the whole encoding would exceed 64 MiB
     * @throws NullPointerException if any argument or part is null
     */
    public static byte[] encode(SignatureContext context, String deploymentId, byte[]... parts) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(parts, "parts");
        byte[] prefix = context.prefixBytes();
        byte[] deployment = deploymentId.getBytes(StandardCharsets.UTF_8);
        if (deployment.length == 0 || deployment.length > 0xffff) {
            throw new IllegalArgumentException("deployment id must be 1..65535 UTF-8 bytes");
        }
        long total = prefix.length + 1L + 2 + deployment.length;
        for (byte[] part : parts) {
            Objects.requireNonNull(part, "part");
            total += 4L + part.length;
        }
        if (total > MAX_ENCODED_LENGTH) {
            throw new IllegalArgumentException("signed message too large");
        }
        byte[] out = new byte[(int) total];
        int pos = 0;
        System.arraycopy(prefix, 0, out, pos, prefix.length);
        pos += prefix.length;
        out[pos++] = 0x00;
        out[pos++] = (byte) (deployment.length >>> 8);
        out[pos++] = (byte) deployment.length;
        System.arraycopy(deployment, 0, out, pos, deployment.length);
        pos += deployment.length;
        for (byte[] part : parts) {
            int n = part.length;
            out[pos++] = (byte) (n >>> 24);
            out[pos++] = (byte) (n >>> 16);
            out[pos++] = (byte) (n >>> 8);
            out[pos++] = (byte) n;
            System.arraycopy(part, 0, out, pos, n);
            pos += n;
        }
        return out;
    }
}
