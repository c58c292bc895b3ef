package nl.klachtenbalie.server.db;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The one current signed team bundle. */
@RegisterConstructorMapper(BundleRow.class)
public interface BundleDao {

    @SqlQuery("SELECT version, file FROM team_bundle WHERE id = 1")
    Optional<BundleRow> current();

    @SqlUpdate("INSERT INTO team_bundle (id, version, file) VALUES (1, :version, :file) "
            + "ON CONFLICT (id) DO UPDATE SET version = excluded.version, file = excluded.file "
            + "WHERE excluded.version > team_bundle.version")
    void store(@Bind("version") long version, @Bind("file") byte[] file);
}
