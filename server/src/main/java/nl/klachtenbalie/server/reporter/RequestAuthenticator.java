package nl.klachtenbalie.server.reporter;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;
import nl.klachtenbalie.server.error.ApiException;

/**
 * Verifies {@code Authorization: KB-Ed25519 <base64 signature>} over
 * {@code signed(request, deployment, ascii("POST"), ascii(path), mailboxId, nonce, SHA-256(body))}.
 *
 * <p>When the mailbox is unknown, the signature is checked against a dummy key made at start (whose
 * private half is thrown away), so an unknown mailbox costs the same work and gets the same answer
 * as a wrong signature: a prober cannot tell which mailbox ids exist.
 */
public final class RequestAuthenticator {

    static final String SCHEME = "KB-Ed25519 ";
    private static final byte[] POST = "POST".getBytes(StandardCharsets.US_ASCII);

    private final String deploymentId;
    private final byte[] dummyKey;

    public RequestAuthenticator(String deploymentId, SecureRandom random) {
        this.deploymentId = deploymentId;
        Ed25519PrivateKey throwaway = Ed25519PrivateKey.generate(random);
        this.dummyKey = throwaway.publicKey().bytes();
        throwaway.destroy();
    }

    /**
     * Throws 401 unless the signature verifies under {@code storedKey} (or, if empty, under the
     * dummy key, which never succeeds). A stored key was validated in full when its mailbox was
     * created ({@link #verifyNewKey}), so it is read back without repeating the subgroup check; the
     * dummy key takes the same path, so an unknown mailbox costs the same time as a known one.
     */
    public void verify(SignedRequest request, Optional<byte[]> storedKey) {
        byte[] signature = parseHeader(request.authorization());
        boolean known = storedKey.isPresent();
        Ed25519PublicKey key;
        try {
            key = Ed25519PublicKey.fromStoredBytes(known ? storedKey.get() : dummyKey);
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized();
        }
        check(request, signature, key, known);
    }

    /** As {@link #verify}, for the key a create brings for a new mailbox: validated in full before it is stored. */
    public void verifyNewKey(SignedRequest request, byte[] newKey) {
        byte[] signature = parseHeader(request.authorization());
        Ed25519PublicKey key;
        try {
            key = Ed25519PublicKey.fromBytes(newKey);
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized();
        }
        check(request, signature, key, true);
    }

    private void check(SignedRequest request, byte[] signature, Ed25519PublicKey key, boolean known) {
        boolean ok = key.verify(SignatureContext.REQUEST, deploymentId, signature, POST,
                request.path().getBytes(StandardCharsets.US_ASCII), request.mailboxId(), request.nonce(),
                request.bodySha256());
        if (!ok || !known) {
            throw ApiException.unauthorized();
        }
    }

    private static byte[] parseHeader(String header) {
        if (header == null || !header.startsWith(SCHEME)) {
            throw new ApiException(401, "missing_signature",
                    "send the header 'Authorization: KB-Ed25519 <base64 signature>' (see docs/api.md)");
        }
        String b64 = header.substring(SCHEME.length());
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            sig = null;
        }
        if (sig == null || sig.length != 64 || !Base64.getEncoder().encodeToString(sig).equals(b64)) {
            throw new ApiException(401, "missing_signature", "the KB-Ed25519 signature must be 64 bytes in padded base64");
        }
        return sig;
    }
}
