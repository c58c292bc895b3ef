package nl.klachtenbalie.server.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.ConnectionFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A small fixed pool of SQLite connections, opened with the database's pragmas and kept open.
 *
 * <p>Why: opening a connection per Jdbi handle re-applies every pragma, and closing the last
 * connection of a WAL database checkpoints and deletes the WAL, which the next open recreates.
 * Kept-open connections avoid both. A handle only takes a real connection when it first touches it
 * (a handle that only runs a transaction through {@link GroupCommit} never does), so threads queued
 * for the writer do not starve readers. Closing a handle rolls back any open transaction and gives
 * the connection back. A connection that saw a storage fault (disk full, read-only or failing file
 * system) is closed instead of returned, so the next one is opened afresh once storage recovers.
 */
final class ConnectionPool implements ConnectionFactory, AutoCloseable {

    private static final long ACQUIRE_TIMEOUT_SECONDS = 30;

    private final SQLiteConfig config;
    private final String url;
    private final int size;
    private final LinkedBlockingDeque<Pooled> idle = new LinkedBlockingDeque<>();
    private int opened;
    private boolean closed;

    ConnectionPool(SQLiteConfig config, String url, int size) {
        this.config = config;
        this.url = url;
        this.size = size;
    }

    @Override
    public Connection openConnection() {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Lease());
    }

    /** A connection and the statements prepared on it, which live and die together. */
    record Pooled(Connection connection, StatementCache statements) {
    }

    /**
     * The statement cache of the connection behind a handle's {@code connection}, taking the
     * connection from the pool if the handle has none yet.
     */
    static StatementCache statements(Connection handleConnection) throws SQLException {
        if (Proxy.isProxyClass(handleConnection.getClass())
                && Proxy.getInvocationHandler(handleConnection) instanceof ConnectionPool.Lease lease) {
            return lease.statements();
        }
        throw new SQLException("not a pooled connection");
    }

    /** Statements kept by the connections not in use right now (for tests). */
    int idleStatements() {
        return idle.stream().mapToInt(c -> c.statements().idleCount()).sum();
    }

    /** Closes every idle connection now; busy ones are closed when given back. */
    void releaseIdle() {
        for (Pooled c; (c = idle.pollFirst()) != null; ) {
            discard(c);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        releaseIdle();
    }

    Pooled acquire() throws SQLException {
        Pooled c = idle.pollFirst();
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (closed) {
                throw new SQLException("the database is closed");
            }
            if (opened < size) {
                opened++;
                try {
                    Connection connection = config.createConnection(url);
                    return new Pooled(connection, new StatementCache(connection));
                } catch (SQLException | RuntimeException e) {
                    opened--;
                    throw e;
                }
            }
        }
        try {
            c = idle.pollFirst(ACQUIRE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection", e);
        }
        if (c == null) {
            throw new SQLiteException("no database connection free", SQLiteErrorCode.SQLITE_BUSY);
        }
        return c;
    }

    /** Gives a connection back: rolled back to a clean autocommit state, or closed if it cannot be. */
    void release(Pooled c, boolean faulted) {
        boolean keep = !faulted;
        c.statements().endLease();
        try {
            if (keep && !c.connection().getAutoCommit()) {
                c.connection().rollback();
                c.connection().setAutoCommit(true);
            }
        } catch (SQLException e) {
            keep = false;
        }
        synchronized (this) {
            keep &= !closed;
        }
        if (keep) {
            idle.offerFirst(c);
        } else {
            discard(c);
        }
    }

    private void discard(Pooled c) {
        try {
            c.statements().close();
            c.connection().close();
        } catch (SQLException ignored) {
            // closing a broken connection can fail; it is gone either way
        } finally {
            synchronized (this) {
                opened--;
            }
        }
    }

    /**
     * Marks a handle's connection as having seen a storage fault, so it is closed instead of given
     * back. Statements fail on the statement object, not the connection, so Jdbi reports them here.
     */
    static void markFaulted(Connection c) {
        if (Proxy.isProxyClass(c.getClass()) && Proxy.getInvocationHandler(c) instanceof ConnectionPool.Lease lease) {
            lease.markFaulted();
        }
    }

    /** True for SQLite errors that mean storage (not the statement) failed. */
    static boolean isStorageFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLiteException s) {
                int primary = s.getResultCode().code & 0xff;
                return primary == SQLiteErrorCode.SQLITE_FULL.code || primary == SQLiteErrorCode.SQLITE_READONLY.code
                        || primary == SQLiteErrorCode.SQLITE_IOERR.code || primary == SQLiteErrorCode.SQLITE_CANTOPEN.code
                        || primary == SQLiteErrorCode.SQLITE_CORRUPT.code;
            }
        }
        return false;
    }

    /** One handle's view of a pooled connection: taken on first use, given back on close. */
    private final class Lease implements InvocationHandler {
        private Pooled real;
        private boolean faulted;
        private boolean done;

        synchronized void markFaulted() {
            faulted = true;
        }

        synchronized StatementCache statements() throws SQLException {
            return connection().statements();
        }

        private Pooled connection() throws SQLException {
            if (done) {
                throw new SQLException("connection already closed");
            }
            if (real == null) {
                real = acquire();
            }
            return real;
        }

        @Override
        public synchronized Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (!done) {
                        done = true;
                        if (real != null) {
                            release(real, faulted);
                            real = null;
                        }
                    }
                    return null;
                }
                case "isClosed" -> {
                    return done;
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "pooled SQLite connection";
                }
                default -> {
                    Connection c = connection().connection();
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        faulted |= isStorageFault(e.getCause());
                        throw e.getCause();
                    }
                }
            }
        }
    }
}
