package nl.klachtenbalie.keys.desk.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the desk remembers apart from the blobs, as one document that is always written
 * whole and encrypted to the team: the events in arrival order, the mailboxes the server told us
 * to forget, what still has to go out in an outbox, and the purges the team asked for. Replaying
 * the entries through the case book rebuilds every case, so there is no second copy of state to
 * drift.
 */
public final class DeskIndex {

    public static final String FORMAT = "klachtenbalie-desk-index/v1";

    /** By event id, in arrival order. */
    public final Map<String, IndexEntry> entries = new LinkedHashMap<>();
    /** Mailboxes deleted by a tombstone: an old export imported again must not bring them back. */
    public final Set<String> forgotten = new LinkedHashSet<>();
    /** Local events not yet written to any outbox file. */
    public final Set<String> unsent = new LinkedHashSet<>();
    /** Mailboxes the team chose to purge from the server, not yet written to an outbox. */
    public final Set<String> purgeRequested = new LinkedHashSet<>();
    /** Mailboxes already sent in a purge list. */
    public final Set<String> purgeSent = new LinkedHashSet<>();
    /** Highest {@code through} of the exports imported, for the team's information. */
    public long lastThrough;
    /** One line per outbox file written: day, file name, counts. */
    public final List<String> outboxLog = new ArrayList<>();

    public void put(IndexEntry e) {
        entries.put(e.eventId(), e);
    }
}
