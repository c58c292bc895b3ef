package nl.klachtenbalie.server.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Versioned schema migrations from {@code db/migration/V<n>__*.sql} on the classpath. The applied
 * version is SQLite's own {@code user_version}, so no bookkeeping table (and no "applied at" time)
 * is needed.
 */
final class Migrations {

    /** In order; append only, never edit a released one. */
    static final List<String> SCRIPTS = List.of("V1__mailboxes.sql", "V2__events_by_xseq.sql");

    private Migrations() {
    }

    /**
     * Brings the schema up to date in one transaction. {@code progress} hears one line before an
     * existing database is upgraded (not when a new one is created): an upgrade may rewrite every
     * stored message, and an operator watching the journal should know why the start is slow.
     */
    static void apply(Jdbi jdbi, Consumer<String> progress) {
        jdbi.useTransaction(h -> {
            int current = h.createQuery("PRAGMA user_version").mapTo(Integer.class).one();
            if (current > SCRIPTS.size()) {
                throw new IllegalStateException("database schema version " + current
                        + " is newer than this server (" + SCRIPTS.size() + "); refusing to start");
            }
            if (current > 0 && current < SCRIPTS.size()) {
                progress.accept("upgrading the database schema from version " + current + " to " + SCRIPTS.size()
                        + " (stored messages may be rewritten once; on a large database this takes minutes)");
            }
            for (int v = current; v < SCRIPTS.size(); v++) {
                run(h, SCRIPTS.get(v));
                h.execute("PRAGMA user_version = " + (v + 1));
            }
        });
    }

    private static void run(Handle h, String name) {
        String sql;
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + name);
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        h.createScript(sql).execute();
    }
}
