package nl.klachtenbalie.server.db;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.sqlite.SQLiteConfig;

/**
 * Opens the one {@link Jdbi} for the SQLite file: a few long-lived connections with the same
 * pragmas (SQLite pragmas such as {@code secure_delete} are per connection), and every write
 * transaction through {@link GroupCommit}. {@link #close} releases both.
 */
public final class Database {

    /** One writer plus readers; reads are short and the machine has few cores. */
    static final int CONNECTIONS = 5;

    private Database() {
    }

    /** Opens (creating if needed) the database and brings its schema up to date, silently. */
    public static Jdbi open(Path file) {
        return open(file, message -> { });
    }

    /**
     * Opens (creating if needed) the database and brings its schema up to date; {@code progress}
     * hears a line before an existing database's schema is upgraded (nothing identifying: versions only).
     */
    public static Jdbi open(Path file, Consumer<String> progress) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // Acknowledged writes survive power loss.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        // Deleted rows are overwritten with zeros, so a purge leaves no ciphertext in free pages.
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        config.setBusyTimeout(10_000);
        // Take the write lock at BEGIN: two deferred transactions that both read then write would
        // otherwise deadlock in WAL mode, which busy_timeout cannot resolve.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        // Nothing here reads generated keys; left on, sqlite-jdbc runs an extra
        // "SELECT last_insert_rowid()" statement after every INSERT.
        config.setGetGeneratedKeys(false);
        ConnectionPool pool = new ConnectionPool(config, "jdbc:sqlite:" + file.toAbsolutePath(), CONNECTIONS);
        Jdbi jdbi = Jdbi.create(pool);
        PooledStatements statements = new PooledStatements();
        jdbi.setStatementBuilderFactory(connection -> statements);
        // Not a log (nothing is written anywhere): a connection that hit a storage fault is dropped,
        // since one opened while the file system was read-only would otherwise stay read-only.
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logException(StatementContext context, SQLException ex) {
                if (ConnectionPool.isStorageFault(ex)) {
                    ConnectionPool.markFaulted(context.getConnection());
                }
            }
        });
        jdbi.getConfig(Resources.class).pool = pool;
        GroupCommit writer = new GroupCommit(jdbi::open);
        jdbi.getConfig(Resources.class).writer = writer;
        jdbi.setTransactionHandler(writer);
        try {
            Migrations.apply(jdbi, progress);
        } catch (RuntimeException e) {
            close(jdbi);
            throw e;
        }
        return jdbi;
    }

    /** Moves everything from the WAL into the database and truncates the WAL to zero bytes. */
    public static void checkpoint(Jdbi jdbi) {
        jdbi.useHandle(h -> h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapToMap().list());
    }

    /**
     * Closes every connection not in use right now; the next use opens fresh ones. For taking the
     * data directory's file system read-only for maintenance (the kernel refuses while files are
     * open for writing).
     */
    public static void releaseConnections(Jdbi jdbi) {
        Resources r = jdbi.getConfig(Resources.class);
        if (r.writer != null) {
            r.writer.releaseConnection();
        }
        if (r.pool != null) {
            r.pool.releaseIdle();
        }
    }

    /** Lets queued writes finish, then closes the writer and every connection. */
    public static void close(Jdbi jdbi) {
        Resources r = jdbi.getConfig(Resources.class);
        if (r.writer != null) {
            r.writer.close();
        }
        if (r.pool != null) {
            r.pool.close();
        }
    }
}
