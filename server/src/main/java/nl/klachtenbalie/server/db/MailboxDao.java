package nl.klachtenbalie.server.db;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Mailboxes and their reporter-visible log, on one handle.
 *
 * <p>Written against Jdbi's fluent API with explicit row mappers rather than as a SqlObject
 * interface: {@code Handle.attach} copies the handle's configuration and rebuilds reflective row
 * mappers on every call, which cost 0.4–0.7 ms per attach and was a quarter of the server's CPU per
 * reporter write (JFR, docs/benchmarks.md §1); a query here costs about 17 µs.
 */
public final class MailboxDao {

    private final Handle h;

    public MailboxDao(Handle h) {
        this.h = h;
    }

    public Optional<MailboxRow> find(byte[] mailboxId) {
        return h.createQuery("SELECT public_key, last_day, total_bytes FROM mailboxes WHERE mailbox_id = :id")
                .bind("id", mailboxId)
                .map((rs, ctx) -> new MailboxRow(rs.getBytes(1), rs.getString(2), rs.getLong(3)))
                .findOne();
    }

    public void insert(byte[] mailboxId, byte[] publicKey, String day, long totalBytes) {
        h.createUpdate("INSERT INTO mailboxes (mailbox_id, public_key, last_day, total_bytes) VALUES (:id, :key, :day, :bytes)")
                .bind("id", mailboxId).bind("key", publicKey).bind("day", day).bind("bytes", totalBytes).execute();
    }

    public void touch(byte[] mailboxId, String day, long addedBytes) {
        h.createUpdate("UPDATE mailboxes SET last_day = :day, total_bytes = total_bytes + :bytes WHERE mailbox_id = :id")
                .bind("id", mailboxId).bind("day", day).bind("bytes", addedBytes).execute();
    }

    public int delete(byte[] mailboxId) {
        return h.createUpdate("DELETE FROM mailboxes WHERE mailbox_id = :id").bind("id", mailboxId).execute();
    }

    public List<byte[]> idleBefore(String day) {
        return h.createQuery("SELECT mailbox_id FROM mailboxes WHERE last_day < :day")
                .bind("day", day).map((rs, ctx) -> rs.getBytes(1)).list();
    }

    public long count() {
        return h.createQuery("SELECT count(*) FROM mailboxes").map((rs, ctx) -> rs.getLong(1)).one();
    }

    public void insertEvent(byte[] mailboxId, long seq, byte[] eventId, byte[] clientEventId, int part, String kind,
            String day, long xseq, byte[] blob) {
        h.createUpdate("INSERT INTO events (mailbox_id, seq, event_id, client_event_id, part, kind, day, xseq, blob) "
                        + "VALUES (:id, :seq, :eventId, :clientEventId, :part, :kind, :day, :xseq, :blob)")
                .bind("id", mailboxId).bind("seq", seq).bind("eventId", eventId).bind("clientEventId", clientEventId)
                .bind("part", part).bind("kind", kind).bind("day", day).bind("xseq", xseq).bind("blob", blob)
                .execute();
    }

    /**
     * Everything an append checks, in one statement: a write runs under the single writer, so every
     * statement inside it is time that no other reporter can write (docs/benchmarks.md §1).
     */
    public Optional<AppendState> appendState(byte[] mailboxId, byte[] clientEventId, String day) {
        return h.createQuery("SELECT total_bytes, "
                        + "(SELECT seq FROM events WHERE mailbox_id = :id AND client_event_id = :cid ORDER BY part LIMIT 1), "
                        + "(SELECT count(*) FROM events WHERE mailbox_id = :id AND day = :day AND kind = 'message'), "
                        + "(SELECT COALESCE(MAX(seq), 0) FROM events WHERE mailbox_id = :id) "
                        + "FROM mailboxes WHERE mailbox_id = :id")
                .bind("id", mailboxId).bind("cid", clientEventId).bind("day", day)
                .map((rs, ctx) -> new AppendState(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4)))
                .findOne();
    }

    public long lastSeq(byte[] mailboxId) {
        return h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM events WHERE mailbox_id = :id")
                .bind("id", mailboxId).map((rs, ctx) -> rs.getLong(1)).one();
    }

    public List<Long> seqsForClientEvent(byte[] mailboxId, byte[] clientEventId) {
        return h.createQuery("SELECT seq FROM events WHERE mailbox_id = :id AND client_event_id = :cid ORDER BY part")
                .bind("id", mailboxId).bind("cid", clientEventId).map((rs, ctx) -> rs.getLong(1)).list();
    }

    /** Events the reporter may see, in order; attachments come without their bytes. */
    public List<EventRow> visibleAfter(byte[] mailboxId, long after, int limit) {
        return h.createQuery("SELECT seq, kind, day, CASE WHEN kind = 'attachment' THEN NULL ELSE blob END "
                        + "FROM events WHERE mailbox_id = :id AND seq > :after ORDER BY seq LIMIT :limit")
                .bind("id", mailboxId).bind("after", after).bind("limit", limit)
                .map((rs, ctx) -> new EventRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)))
                .list();
    }

    public int deleteEvents(byte[] mailboxId) {
        return h.createUpdate("DELETE FROM events WHERE mailbox_id = :id").bind("id", mailboxId).execute();
    }

    /** The next global export sequence number; call inside a transaction. */
    public long nextXseq() {
        return Counters.nextXseq(h);
    }

    public void insertTombstone(byte[] mailboxId, String reason, String day, long xseq) {
        h.createUpdate("INSERT OR IGNORE INTO tombstones (mailbox_id, reason, day, xseq) VALUES (:id, :reason, :day, :xseq)")
                .bind("id", mailboxId).bind("reason", reason).bind("day", day).bind("xseq", xseq).execute();
    }
}
