package nl.klachtenbalie.server.db;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Team accounts of the online transfer machine (fluent API, not SqlObject: see {@link MailboxDao}). */
public final class AccountDao {

    private final Handle h;

    public AccountDao(Handle h) {
        this.h = h;
    }

    public void insert(String name, String passwordHash, byte[] totpSecret) {
        h.createUpdate("INSERT INTO team_accounts (name, password_hash, totp_secret) VALUES (:name, :hash, :secret)")
                .bind("name", name).bind("hash", passwordHash).bind("secret", totpSecret).execute();
    }

    public Optional<AccountRow> find(String name) {
        return h.createQuery("SELECT name, password_hash, totp_secret, last_totp_step, export_cursor "
                        + "FROM team_accounts WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> new AccountRow(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getLong(4), rs.getLong(5)))
                .findOne();
    }

    /** Records a used TOTP step; 0 rows means the step (or a later one) was already used: a replay. */
    public int useTotpStep(String name, long step) {
        return h.createUpdate("UPDATE team_accounts SET last_totp_step = :step WHERE name = :name AND last_totp_step < :step")
                .bind("name", name).bind("step", step).execute();
    }

    public int advanceCursor(String name, long cursor) {
        return h.createUpdate("UPDATE team_accounts SET export_cursor = :cursor WHERE name = :name AND export_cursor < :cursor")
                .bind("name", name).bind("cursor", cursor).execute();
    }

    /** The smallest export cursor of all accounts; empty when there are none. */
    public Optional<Long> minCursor() {
        return h.createQuery("SELECT MIN(export_cursor) FROM team_accounts")
                .map((rs, ctx) -> {
                    long v = rs.getLong(1);
                    return rs.wasNull() ? null : v;
                })
                .findOne();
    }

    public int delete(String name) {
        return h.createUpdate("DELETE FROM team_accounts WHERE name = :name").bind("name", name).execute();
    }
}
