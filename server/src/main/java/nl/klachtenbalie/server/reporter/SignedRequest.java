package nl.klachtenbalie.server.reporter;

/**
 * What a reporter request signature covers, besides the fixed context and deployment: the method
 * (always POST), the path, the mailbox id, the nonce and the SHA-256 of the exact body bytes.
 *
 * @param authorization the raw {@code Authorization} header, or null
 */
public record SignedRequest(String path, byte[] mailboxId, byte[] nonce, byte[] bodySha256, String authorization) {
}
