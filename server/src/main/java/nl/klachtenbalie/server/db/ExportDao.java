package nl.klachtenbalie.server.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The global export log (events, team-only blobs, tombstones in one xseq order) and team-only blobs
 * (fluent API, not SqlObject: see {@link MailboxDao}).
 */
public final class ExportDao {

    static final String UNION = "SELECT e.xseq AS xseq, 'event' AS type, e.mailbox_id AS mailboxId, m.public_key AS publicKey, "
            + "e.seq AS seq, e.kind AS kind, e.event_id AS eventId, e.day AS day, e.blob AS blob, NULL AS reason "
            + "FROM events e JOIN mailboxes m ON m.mailbox_id = e.mailbox_id WHERE e.xseq > :after AND e.xseq <= :through "
            + "UNION ALL SELECT xseq, 'internal', NULL, NULL, NULL, NULL, event_id, day, blob, NULL "
            + "FROM team_blobs WHERE xseq > :after AND xseq <= :through "
            + "UNION ALL SELECT xseq, 'tombstone', mailbox_id, NULL, NULL, NULL, NULL, day, NULL, reason "
            + "FROM tombstones WHERE xseq > :after AND xseq <= :through";

    private final Handle h;

    public ExportDao(Handle h) {
        this.h = h;
    }

    public List<ExportRecord> records(long after, long through, int limit) {
        return h.createQuery(UNION + " ORDER BY xseq LIMIT :limit")
                .bind("after", after).bind("through", through).bind("limit", limit)
                .map((rs, ctx) -> record(rs)).list();
    }

    public List<ExportSize> sizes(long after, long through) {
        return h.createQuery("SELECT xseq, COALESCE(length(blob), 0) FROM (" + UNION + ") ORDER BY xseq")
                .bind("after", after).bind("through", through)
                .map((rs, ctx) -> new ExportSize(rs.getLong(1), rs.getLong(2))).list();
    }

    public long currentXseq() {
        return Counters.currentXseq(h);
    }

    public int insertTeamBlob(byte[] eventId, String day, long xseq, byte[] blob) {
        return h.createUpdate("INSERT OR IGNORE INTO team_blobs (event_id, day, xseq, blob) VALUES (:eventId, :day, :xseq, :blob)")
                .bind("eventId", eventId).bind("day", day).bind("xseq", xseq).bind("blob", blob).execute();
    }

    public int teamBlobExists(byte[] eventId) {
        return h.createQuery("SELECT count(*) FROM team_blobs WHERE event_id = :eventId")
                .bind("eventId", eventId).map((rs, ctx) -> rs.getInt(1)).one();
    }

    public int replyExists(byte[] mailboxId, byte[] eventId) {
        return h.createQuery("SELECT count(*) FROM events WHERE event_id = :eventId OR (mailbox_id = :mailbox AND client_event_id = :eventId)")
                .bind("mailbox", mailboxId).bind("eventId", eventId).map((rs, ctx) -> rs.getInt(1)).one();
    }

    public int deleteTeamBlobsBefore(String day) {
        return h.createUpdate("DELETE FROM team_blobs WHERE day < :day").bind("day", day).execute();
    }

    public int deleteTombstones(long exportedByAll, String day) {
        return h.createUpdate("DELETE FROM tombstones WHERE xseq <= :cursor OR day < :day")
                .bind("cursor", exportedByAll).bind("day", day).execute();
    }

    private static ExportRecord record(ResultSet rs) throws SQLException {
        long seq = rs.getLong("seq");
        Long boxedSeq = rs.wasNull() ? null : seq;
        return new ExportRecord(rs.getLong("xseq"), rs.getString("type"), rs.getBytes("mailboxId"), rs.getBytes("publicKey"),
                boxedSeq, rs.getString("kind"), rs.getBytes("eventId"), rs.getString("day"), rs.getBytes("blob"),
                rs.getString("reason"));
    }
}
