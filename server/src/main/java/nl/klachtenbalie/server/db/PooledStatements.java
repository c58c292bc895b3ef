package nl.klachtenbalie.server.db;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Jdbi's statements come from, and go back to, the {@link StatementCache} of the pooled connection
 * behind the handle. Statements Jdbi prepares in a special way (generated keys, updatable results,
 * calls) and plain statements (scripts) are made and closed as usual.
 */
final class PooledStatements implements StatementBuilder {

    private final DefaultStatementBuilder plain = new DefaultStatementBuilder();

    @Override
    public Statement create(Connection conn, StatementContext ctx) throws SQLException {
        return plain.create(conn, ctx);
    }

    @Override
    public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
        if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
            return plain.create(conn, sql, ctx);
        }
        try {
            return ConnectionPool.statements(conn).take(sql);
        } catch (SQLException e) {
            // Before the pool's proxy was bypassed here it saw this failure; a storage fault must
            // still retire the connection.
            if (ConnectionPool.isStorageFault(e)) {
                ConnectionPool.markFaulted(conn);
            }
            throw e;
        }
    }

    @Override
    public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
        return plain.createCall(conn, sql, ctx);
    }

    @Override
    public void close(Connection conn, String sql, Statement stmt) throws SQLException {
        if (stmt == null) {
            return;
        }
        StatementCache cache;
        try {
            cache = ConnectionPool.statements(conn);
        } catch (SQLException handleAlreadyClosed) {
            // The connection went back to the pool first, which closed what was still lent out.
            stmt.close();
            return;
        }
        cache.give(stmt);
    }
}
