package nl.klachtenbalie.server.db;

import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the one {@link Jdbi} for the SQLite file. Every connection gets the same pragmas, because
 * SQLite pragmas such as {@code secure_delete} are per connection.
 */
public final class Database {

    private Database() {
    }

    /** Opens (creating if needed) the database and brings its schema up to date. */
    public static Jdbi open(Path file) {
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
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        Jdbi jdbi = Jdbi.create(ds);
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.setTransactionHandler(new SerialTransactions());
        Migrations.apply(jdbi);
        return jdbi;
    }

    /** Moves everything from the WAL into the database and truncates the WAL to zero bytes. */
    public static void checkpoint(Jdbi jdbi) {
        jdbi.useHandle(h -> h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapToMap().list());
    }
}
