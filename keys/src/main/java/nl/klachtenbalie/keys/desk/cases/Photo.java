package nl.klachtenbalie.keys.desk.cases;

/**
 * A photo listed in the signed report. {@code eventId} is null until an attachment whose
 * ciphertext hash matches the listed one has arrived.
 */
public record Photo(long seq, String sha256, String type, long bytes, String eventId) {

    /** The reference as listed in the signed report. */
    public nl.klachtenbalie.keys.desk.events.AttachmentRef ref() {
        return new nl.klachtenbalie.keys.desk.events.AttachmentRef(seq, sha256, type, bytes);
    }

    Photo arrived(String id) {
        return new Photo(seq, sha256, type, bytes, id);
    }
}
