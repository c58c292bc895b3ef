package nl.klachtenbalie.keys.desk.events;

/**
 * A photo listed in a signed report (protocol §7.1): the attachment's server sequence number and
 * the SHA-256 of its ciphertext, which binds the unsigned attachment blob to the signed report.
 *
 * @param sha256 lower-case hex of the attachment's stored age file
 * @param type {@code image/jpeg} or {@code image/png}
 * @param bytes the length of the image before padding
 */
public record AttachmentRef(long seq, String sha256, String type, long bytes) {
}
