package nl.klachtenbalie.server.db;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The global export log (events, team-only blobs, tombstones in one xseq order) and team-only blobs. */
@RegisterConstructorMapper(ExportRecord.class)
@RegisterConstructorMapper(ExportSize.class)
public interface ExportDao {

    String UNION = "SELECT e.xseq AS xseq, 'event' AS type, e.mailbox_id AS mailboxId, m.public_key AS publicKey, "
            + "e.seq AS seq, e.kind AS kind, e.event_id AS eventId, e.day AS day, e.blob AS blob, NULL AS reason "
            + "FROM events e JOIN mailboxes m ON m.mailbox_id = e.mailbox_id WHERE e.xseq > :after AND e.xseq <= :through "
            + "UNION ALL SELECT xseq, 'internal', NULL, NULL, NULL, NULL, event_id, day, blob, NULL "
            + "FROM team_blobs WHERE xseq > :after AND xseq <= :through "
            + "UNION ALL SELECT xseq, 'tombstone', mailbox_id, NULL, NULL, NULL, NULL, day, NULL, reason "
            + "FROM tombstones WHERE xseq > :after AND xseq <= :through";

    @SqlQuery(UNION + " ORDER BY xseq LIMIT :limit")
    List<ExportRecord> records(@Bind("after") long after, @Bind("through") long through, @Bind("limit") int limit);

    @SqlQuery("SELECT xseq, COALESCE(length(blob), 0) AS bytes FROM (" + UNION + ") ORDER BY xseq")
    List<ExportSize> sizes(@Bind("after") long after, @Bind("through") long through);

    @SqlQuery("SELECT value FROM counters WHERE name = 'xseq'")
    long currentXseq();

    @SqlUpdate("INSERT OR IGNORE INTO team_blobs (event_id, day, xseq, blob) VALUES (:eventId, :day, :xseq, :blob)")
    int insertTeamBlob(@Bind("eventId") byte[] eventId, @Bind("day") String day, @Bind("xseq") long xseq,
            @Bind("blob") byte[] blob);

    @SqlQuery("SELECT count(*) FROM team_blobs WHERE event_id = :eventId")
    int teamBlobExists(@Bind("eventId") byte[] eventId);

    @SqlQuery("SELECT count(*) FROM events WHERE event_id = :eventId OR (mailbox_id = :mailbox AND client_event_id = :eventId)")
    int replyExists(@Bind("mailbox") byte[] mailboxId, @Bind("eventId") byte[] eventId);

    @SqlUpdate("DELETE FROM team_blobs WHERE day < :day")
    int deleteTeamBlobsBefore(@Bind("day") String day);

    @SqlUpdate("DELETE FROM tombstones WHERE xseq <= :cursor OR day < :day")
    int deleteTombstones(@Bind("cursor") long exportedByAll, @Bind("day") String day);
}
