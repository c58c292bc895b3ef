package nl.klachtenbalie.server.db;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The one current signed team bundle (fluent API, not SqlObject: see {@link MailboxDao}). */
public final class BundleDao {

    private final Handle h;

    public BundleDao(Handle h) {
        this.h = h;
    }

    public Optional<BundleRow> current() {
        return h.createQuery("SELECT version, file FROM team_bundle WHERE id = 1")
                .map((rs, ctx) -> new BundleRow(rs.getLong(1), rs.getBytes(2))).findOne();
    }

    public void store(long version, byte[] file) {
        h.createUpdate("INSERT INTO team_bundle (id, version, file) VALUES (1, :version, :file) "
                        + "ON CONFLICT (id) DO UPDATE SET version = excluded.version, file = excluded.file "
                        + "WHERE excluded.version > team_bundle.version")
                .bind("version", version).bind("file", file).execute();
    }
}
