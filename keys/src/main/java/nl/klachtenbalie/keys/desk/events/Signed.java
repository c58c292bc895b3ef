package nl.klachtenbalie.keys.desk.events;

import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;

/**
 * A parsed payload together with the exact bytes and signature it came with, for events whose
 * signer's key must be looked up before the signature can be checked (replies and internal
 * events: the key is in a team bundle, named by the payload itself).
 */
public record Signed<T>(T payload, byte[] payloadBytes, byte[] signature) {

    public Signed {
        payloadBytes = payloadBytes.clone();
        signature = signature.clone();
    }

    /** Strict Ed25519 over {@code signed(context, deploymentId, payloadBytes)}. */
    public boolean verifiedBy(Ed25519PublicKey key, SignatureContext context, String deploymentId) {
        return key.verify(context, deploymentId, signature, payloadBytes);
    }

    @Override
    public byte[] payloadBytes() {
        return payloadBytes.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
