package nl.klachtenbalie.server.db;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import org.jdbi.v3.core.Jdbi;

/** SQLite's online backup: a consistent copy while the server keeps running, and the way back. */
public final class Backups {

    private Backups() {
    }

    /** Copies the live database to {@code target} (which must not exist yet). */
    public static void backup(Jdbi jdbi, Path target) {
        String path = quoted(target);
        jdbi.useHandle(h -> {
            try (Statement st = h.getConnection().createStatement()) {
                st.executeUpdate("backup to " + path);
            } catch (SQLException e) {
                throw new IllegalStateException("backup failed: " + e.getMessage(), e);
            }
        });
    }

    /** Replaces the database's content with {@code source}; run only while the server is stopped. */
    public static void restore(Jdbi jdbi, Path source) {
        String path = quoted(source);
        jdbi.useHandle(h -> {
            try (Statement st = h.getConnection().createStatement()) {
                st.executeUpdate("restore from " + path);
            } catch (SQLException e) {
                throw new IllegalStateException("restore failed: " + e.getMessage(), e);
            }
        });
    }

    private static String quoted(Path p) {
        String s = p.toAbsolutePath().toString();
        if (s.contains("'") || s.contains("\n")) {
            throw new IllegalArgumentException("backup paths must not contain quotes or newlines");
        }
        return "'" + s + "'";
    }
}
