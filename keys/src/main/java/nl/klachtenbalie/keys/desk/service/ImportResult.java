package nl.klachtenbalie.keys.desk.service;

import java.nio.file.Path;

/**
 * What one import did. {@code duplicates} were already on the desk (an export is imported
 * idempotently by event id); {@code rejected} became warnings.
 *
 * @param more the server had more than fit in this file: export and import again
 */
public record ImportResult(Path file, int newCases, int newMessages, int newPhotos, int replies, int internal,
                           int duplicates, int forgottenCases, int rejected, boolean more, long through) {
}
