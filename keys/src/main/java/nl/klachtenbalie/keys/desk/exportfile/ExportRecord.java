package nl.klachtenbalie.keys.desk.exportfile;

import java.time.LocalDate;

/**
 * One record of a server export (docs/api.md, "Export file"). Fields that a record type does not
 * have are null (strings) or 0 (seq). Everything here is what the untrusted server claims; the
 * desk checks it against the signed content before believing any of it.
 */
public record ExportRecord(long xseq, Type type, String mailbox, String publicKey, long seq, String kind,
                           String eventId, LocalDate day, byte[] blob, String reason) {

    /** Record types. */
    public enum Type { EVENT, INTERNAL, TOMBSTONE }

    public static final String REPORT = "report";
    public static final String ATTACHMENT = "attachment";
    public static final String MESSAGE = "message";
    public static final String REPLY = "reply";

    @Override
    public String toString() {
        return "ExportRecord[" + xseq + " " + type + " " + kind + "]";
    }
}
