package nl.klachtenbalie.server.db;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Mailboxes and their reporter-visible log. */
@RegisterConstructorMapper(MailboxRow.class)
@RegisterConstructorMapper(EventRow.class)
public interface MailboxDao {

    @SqlQuery("SELECT public_key AS publicKey, last_day AS lastDay, total_bytes AS totalBytes FROM mailboxes WHERE mailbox_id = :id")
    Optional<MailboxRow> find(@Bind("id") byte[] mailboxId);

    @SqlUpdate("INSERT INTO mailboxes (mailbox_id, public_key, last_day, total_bytes) VALUES (:id, :key, :day, 0)")
    void insert(@Bind("id") byte[] mailboxId, @Bind("key") byte[] publicKey, @Bind("day") String day);

    @SqlUpdate("UPDATE mailboxes SET last_day = :day, total_bytes = total_bytes + :bytes WHERE mailbox_id = :id")
    void touch(@Bind("id") byte[] mailboxId, @Bind("day") String day, @Bind("bytes") long addedBytes);

    @SqlUpdate("DELETE FROM mailboxes WHERE mailbox_id = :id")
    int delete(@Bind("id") byte[] mailboxId);

    @SqlQuery("SELECT mailbox_id FROM mailboxes WHERE last_day < :day")
    List<byte[]> idleBefore(@Bind("day") String day);

    @SqlQuery("SELECT count(*) FROM mailboxes")
    long count();

    @SqlUpdate("INSERT INTO events (mailbox_id, seq, event_id, client_event_id, part, kind, day, xseq, blob) "
            + "VALUES (:id, :seq, :eventId, :clientEventId, :part, :kind, :day, :xseq, :blob)")
    void insertEvent(@Bind("id") byte[] mailboxId, @Bind("seq") long seq, @Bind("eventId") byte[] eventId,
            @Bind("clientEventId") byte[] clientEventId, @Bind("part") int part, @Bind("kind") String kind,
            @Bind("day") String day, @Bind("xseq") long xseq, @Bind("blob") byte[] blob);

    @SqlQuery("SELECT COALESCE(MAX(seq), 0) FROM events WHERE mailbox_id = :id")
    long lastSeq(@Bind("id") byte[] mailboxId);

    @SqlQuery("SELECT seq FROM events WHERE mailbox_id = :id AND client_event_id = :cid ORDER BY part")
    List<Long> seqsForClientEvent(@Bind("id") byte[] mailboxId, @Bind("cid") byte[] clientEventId);

    @SqlQuery("SELECT count(*) FROM events WHERE mailbox_id = :id AND day = :day AND kind = 'message'")
    int messagesOnDay(@Bind("id") byte[] mailboxId, @Bind("day") String day);

    /** Events the reporter may see, in order; attachments come without their bytes. */
    @SqlQuery("SELECT seq, kind, day, CASE WHEN kind = 'attachment' THEN NULL ELSE blob END AS blob "
            + "FROM events WHERE mailbox_id = :id AND seq > :after ORDER BY seq LIMIT :limit")
    List<EventRow> visibleAfter(@Bind("id") byte[] mailboxId, @Bind("after") long after, @Bind("limit") int limit);

    @SqlUpdate("DELETE FROM events WHERE mailbox_id = :id")
    int deleteEvents(@Bind("id") byte[] mailboxId);

    @SqlUpdate("UPDATE counters SET value = value + 1 WHERE name = 'xseq'")
    void bumpXseq();

    @SqlQuery("SELECT value FROM counters WHERE name = 'xseq'")
    long currentXseq();

    /** The next global export sequence number; call inside a transaction. */
    default long nextXseq() {
        bumpXseq();
        return currentXseq();
    }

    @SqlUpdate("INSERT OR IGNORE INTO tombstones (mailbox_id, reason, day, xseq) VALUES (:id, :reason, :day, :xseq)")
    void insertTombstone(@Bind("id") byte[] mailboxId, @Bind("reason") String reason, @Bind("day") String day,
            @Bind("xseq") long xseq);
}
