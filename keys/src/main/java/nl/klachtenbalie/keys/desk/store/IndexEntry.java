package nl.klachtenbalie.keys.desk.store;

/**
 * One stored event in the desk's index: where it came from and what the server said about it.
 * The blob itself is {@code blobs/<eventId>.age}, the ciphertext exactly as received or written.
 *
 * @param type {@code event} or {@code internal} (tombstones are not stored: they delete)
 * @param kind for events: report, attachment, message, reply
 * @param seq the server's per-mailbox sequence number; 0 for a reply not yet seen back in an export
 * @param day the server's day, or for local events the day written
 * @param local true if this desk wrote the event (a reply or internal event)
 * @param delivered for local events: seen back in an export, so the server has it
 */
public record IndexEntry(String eventId, String type, String mailbox, String publicKey, long seq, String kind,
                         String day, boolean local, boolean delivered) {

    public IndexEntry delivered(long serverSeq) {
        return new IndexEntry(eventId, type, mailbox, publicKey, serverSeq == 0 ? seq : serverSeq, kind, day, local, true);
    }
}
