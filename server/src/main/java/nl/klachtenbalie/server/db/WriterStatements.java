package nl.klachtenbalie.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.ConnectionException;

/**
 * The statements {@link GroupCommit}'s writer runs around every batch, prepared once per connection.
 *
 * <p>Why: through {@code Statement.execute(String)} each was parsed by SQLite again and matched
 * against sqlite-jdbc's regular expressions for its own commands, on the one thread every write
 * waits for. Only the writer thread uses them; they are closed with its connection.
 */
final class WriterStatements implements AutoCloseable {

    private final PreparedStatement begin;
    private final PreparedStatement savepoint;
    private final PreparedStatement release;
    private final PreparedStatement rollbackToSavepoint;
    private final PreparedStatement commit;
    private final PreparedStatement rollback;
    private final List<PreparedStatement> all;

    WriterStatements(Connection c) {
        List<PreparedStatement> made = new ArrayList<>();
        try {
            begin = prepare(c, "BEGIN IMMEDIATE", made);
            savepoint = prepare(c, "SAVEPOINT member", made);
            release = prepare(c, "RELEASE member", made);
            rollbackToSavepoint = prepare(c, "ROLLBACK TO member", made);
            commit = prepare(c, "COMMIT", made);
            rollback = prepare(c, "ROLLBACK", made);
        } catch (SQLException e) {
            made.forEach(WriterStatements::closeQuietly);
            throw new ConnectionException(e);
        }
        all = List.copyOf(made);
    }

    void begin() {
        run(begin);
    }

    void savepoint() {
        run(savepoint);
    }

    void release() {
        run(release);
    }

    void rollbackToSavepoint() {
        run(rollbackToSavepoint);
    }

    void commit() {
        run(commit);
    }

    void rollback() {
        run(rollback);
    }

    @Override
    public void close() {
        all.forEach(WriterStatements::closeQuietly);
    }

    private static PreparedStatement prepare(Connection c, String sql, List<PreparedStatement> made) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        made.add(p);
        return p;
    }

    private static void run(PreparedStatement p) {
        try {
            p.execute();
        } catch (SQLException e) {
            throw new ConnectionException(e);
        }
    }

    private static void closeQuietly(PreparedStatement p) {
        try {
            p.close();
        } catch (SQLException ignored) {
            // the connection is being dropped anyway
        }
    }
}
