package nl.klachtenbalie.server.db;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Team accounts of the online transfer machine. */
@RegisterConstructorMapper(AccountRow.class)
public interface AccountDao {

    @SqlUpdate("INSERT INTO team_accounts (name, password_hash, totp_secret) VALUES (:name, :hash, :secret)")
    void insert(@Bind("name") String name, @Bind("hash") String passwordHash, @Bind("secret") byte[] totpSecret);

    @SqlQuery("SELECT name, password_hash AS passwordHash, totp_secret AS totpSecret, last_totp_step AS lastTotpStep, "
            + "export_cursor AS exportCursor FROM team_accounts WHERE name = :name")
    Optional<AccountRow> find(@Bind("name") String name);

    /** Records a used TOTP step; 0 rows means the step (or a later one) was already used: a replay. */
    @SqlUpdate("UPDATE team_accounts SET last_totp_step = :step WHERE name = :name AND last_totp_step < :step")
    int useTotpStep(@Bind("name") String name, @Bind("step") long step);

    @SqlUpdate("UPDATE team_accounts SET export_cursor = :cursor WHERE name = :name AND export_cursor < :cursor")
    int advanceCursor(@Bind("name") String name, @Bind("cursor") long cursor);

    @SqlQuery("SELECT MIN(export_cursor) FROM team_accounts")
    Optional<Long> minCursor();

    @SqlUpdate("DELETE FROM team_accounts WHERE name = :name")
    int delete(@Bind("name") String name);
}
