package nl.klachtenbalie.server.db;

/**
 * What an append must know about its mailbox, read in one statement inside the write transaction.
 *
 * @param totalBytes     bytes the mailbox stores now
 * @param earlierSeq     the seq of an event already stored under the same client event id (the request is a
 *                       retry), or 0
 * @param messagesToday  reporter messages stored today (the daily quota)
 * @param lastSeq        the mailbox's highest seq
 */
public record AppendState(long totalBytes, long earlierSeq, int messagesToday, long lastSeq) {
}
