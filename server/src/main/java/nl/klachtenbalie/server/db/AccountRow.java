package nl.klachtenbalie.server.db;

/** A team account; the password is only ever stored as an Argon2id hash. */
public record AccountRow(String name, String passwordHash, byte[] totpSecret, long lastTotpStep, long exportCursor) {
    @Override
    public String toString() {
        return "AccountRow[" + name + "]";
    }
}
