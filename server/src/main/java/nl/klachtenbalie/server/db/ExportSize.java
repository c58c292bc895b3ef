package nl.klachtenbalie.server.db;

/** The export sequence number and blob size of one export record, to cut an export at a size limit. */
public record ExportSize(long xseq, long bytes) {
}
