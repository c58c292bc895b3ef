package nl.klachtenbalie.server.db;

/**
 * One row of the export log. {@code type} is {@code event}, {@code internal} or {@code tombstone};
 * fields that do not apply to a type are null.
 */
public record ExportRecord(long xseq, String type, byte[] mailboxId, byte[] publicKey, Long seq, String kind,
        byte[] eventId, String day, byte[] blob, String reason) {
}
