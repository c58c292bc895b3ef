package nl.klachtenbalie.server.db;

import org.jdbi.v3.core.Handle;

/** The global export sequence counter that orders every event, team blob and tombstone. */
final class Counters {

    private Counters() {
    }

    static long currentXseq(Handle h) {
        return h.createQuery("SELECT value FROM counters WHERE name = 'xseq'").map((rs, ctx) -> rs.getLong(1)).one();
    }

    /** Increments and returns the counter; call inside a transaction. */
    static long nextXseq(Handle h) {
        return h.createQuery("UPDATE counters SET value = value + 1 WHERE name = 'xseq' RETURNING value")
                .map((rs, ctx) -> rs.getLong(1)).one();
    }
}
