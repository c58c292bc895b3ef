package nl.klachtenbalie.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prepared statements of one pooled connection, kept for the next handle that runs the same SQL.
 *
 * <p>Why: neither Jdbi nor sqlite-jdbc keeps prepared statements, so every query compiled its SQL
 * again (the append's checks took 23 µs to prepare, its four statements ≈ 45 µs together, on the
 * one writer thread every write waits for; docs/benchmarks.md §1). The connections live as long as
 * the pool, so their statements can too.
 *
 * <p>A statement is either in use (lent to exactly one caller) or idle; a second caller of the same
 * SQL while the first still uses it gets a statement of its own, and the spare is closed when both
 * are back. A statement comes back only once it is reset — its result set closed, so it holds no
 * read snapshot while idle — and without parameters; one that cannot be reset is closed instead.
 * At most {@link #CAPACITY} idle statements, the least recently used closed first.
 */
final class StatementCache {

    static final int CAPACITY = 64;

    private final Connection connection;
    private final Map<String, PreparedStatement> idle = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<PreparedStatement, String> lent = new IdentityHashMap<>();

    StatementCache(Connection connection) {
        this.connection = connection;
    }

    /** A prepared statement for {@code sql}: an idle one if there is one, else a new one. */
    synchronized PreparedStatement take(String sql) throws SQLException {
        PreparedStatement ps = idle.remove(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        }
        lent.put(ps, sql);
        return ps;
    }

    /** Takes back a statement from {@link #take}; anything else (or one that will not reset) is closed. */
    synchronized void give(Statement statement) {
        String sql = statement instanceof PreparedStatement ps ? lent.remove(ps) : null;
        if (sql == null || !reset((PreparedStatement) statement)) {
            closeQuietly(statement);
            return;
        }
        PreparedStatement spare = idle.put(sql, (PreparedStatement) statement);
        if (spare != null) {
            closeQuietly(spare);
        }
        if (idle.size() > CAPACITY) {
            var eldest = idle.entrySet().iterator();
            closeQuietly(eldest.next().getValue());
            eldest.remove();
        }
    }

    /**
     * The handle that borrowed this connection is done with it: statements it never gave back are
     * closed, so none is left mid-result for the next borrower.
     */
    synchronized void endLease() {
        List<PreparedStatement> orphans = new ArrayList<>(lent.keySet());
        lent.clear();
        orphans.forEach(StatementCache::closeQuietly);
    }

    /** Closes every statement, before the connection itself is closed. */
    synchronized void close() {
        endLease();
        idle.values().forEach(StatementCache::closeQuietly);
        idle.clear();
    }

    synchronized int idleCount() {
        return idle.size();
    }

    /**
     * True if the statement is back to its prepared state. sqlite-jdbc resets a statement when its
     * result set is closed or an update has run; a result set still open makes {@code getResultSet}
     * refuse, and such a statement (which would keep its read snapshot) is not kept.
     */
    private static boolean reset(PreparedStatement ps) {
        try {
            if (ps.isClosed()) {
                return false;
            }
            ResultSet rs = ps.getResultSet();
            if (rs != null) {
                rs.close();
            }
            ps.clearParameters();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // a statement that cannot be closed is finalized with its connection
        }
    }
}
