package nl.klachtenbalie.server.db;

import org.jdbi.v3.core.config.JdbiConfig;

/**
 * What {@link Database#open} started for one {@link org.jdbi.v3.core.Jdbi}, kept in that Jdbi's own
 * configuration so it can be closed later without any static registry.
 */
public final class Resources implements JdbiConfig<Resources> {

    ConnectionPool pool;
    GroupCommit writer;

    public Resources() {
    }

    private Resources(Resources other) {
        this.pool = other.pool;
        this.writer = other.writer;
    }

    @Override
    public Resources createCopy() {
        return new Resources(this);
    }
}
