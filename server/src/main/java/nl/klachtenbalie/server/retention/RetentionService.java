package nl.klachtenbalie.server.retention;

import java.time.Clock;
import java.util.List;
import nl.klachtenbalie.server.Days;
import nl.klachtenbalie.server.db.AccountDao;
import nl.klachtenbalie.server.db.Database;
import nl.klachtenbalie.server.db.ExportDao;
import nl.klachtenbalie.server.db.MailboxDao;
import nl.klachtenbalie.server.ops.Metrics;
import org.jdbi.v3.core.Jdbi;

/**
 * Forgets what the server no longer needs: mailboxes idle for longer than the retention limit
 * (leaving a tombstone so the desk learns of it), team-only blobs past their own limit, and
 * tombstones every team account has exported. Afterwards the WAL is checkpointed and truncated, and
 * with {@code secure_delete} on, the purged ciphertext is gone from the database file and the WAL.
 */
public final class RetentionService {

    /** What one run removed. */
    public record Result(int mailboxes, int teamBlobs, int tombstones) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final int idleDays;
    private final int internalDays;
    private final Metrics metrics;

    public RetentionService(Jdbi jdbi, Clock clock, int idleDays, int internalDays, Metrics metrics) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.idleDays = idleDays;
        this.internalDays = internalDays;
        this.metrics = metrics;
    }

    public Result runOnce() {
        String idleCutoff = Days.daysAgo(clock, idleDays);
        String today = Days.today(clock);
        Result result = jdbi.inTransaction(h -> {
            MailboxDao mailboxes = new MailboxDao(h);
            ExportDao export = new ExportDao(h);
            List<byte[]> idle = mailboxes.idleBefore(idleCutoff);
            for (byte[] id : idle) {
                mailboxes.deleteEvents(id);
                mailboxes.delete(id);
                mailboxes.insertTombstone(id, "expired", today, mailboxes.nextXseq());
            }
            int blobs = export.deleteTeamBlobsBefore(Days.daysAgo(clock, internalDays));
            long exportedByAll = new AccountDao(h).minCursor().orElse(0L);
            int tombstones = export.deleteTombstones(exportedByAll, idleCutoff);
            return new Result(idle.size(), blobs, tombstones);
        });
        Database.checkpoint(jdbi);
        metrics.add(Metrics.Counter.MAILBOXES_EXPIRED, result.mailboxes());
        return result;
    }
}
