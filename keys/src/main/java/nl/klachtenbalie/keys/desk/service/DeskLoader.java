package nl.klachtenbalie.keys.desk.service;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import nl.klachtenbalie.keys.desk.cases.CaseBook;
import nl.klachtenbalie.keys.desk.cases.CaseSchema;
import nl.klachtenbalie.keys.desk.events.EventCodec;
import nl.klachtenbalie.keys.desk.store.DeskIndex;
import nl.klachtenbalie.keys.desk.store.DeskStore;
import nl.klachtenbalie.keys.desk.store.IndexCover;
import nl.klachtenbalie.keys.desk.store.IndexEntry;
import nl.klachtenbalie.keys.desk.team.TeamDirectory;
import nl.klachtenbalie.keys.desk.team.UnlockedMember;

/**
 * What {@link Desk#open} does before there is a desk: read the index, wipe what an interrupted
 * write left behind, and build the case book — from the sealed snapshot when it covers exactly this
 * index, else by replaying every stored event (and then sealing a fresh snapshot).
 */
final class DeskLoader {

    record Loaded(DeskIndex index, CaseBook book, CaseBookSnapshot snapshot, Desk.Opened opened) {
    }

    private final TeamDirectory team;
    private final UnlockedMember me;
    private final DeskStore store;
    private final Clock clock;
    private final EventCodec codec;

    DeskLoader(TeamDirectory team, UnlockedMember me, DeskStore store, Clock clock, EventCodec codec) {
        this.team = team;
        this.me = me;
        this.store = store;
        this.clock = clock;
        this.codec = codec;
    }

    Loaded load() throws IOException {
        DeskIndex index = store.readIndex(me.identities());
        store.wipeOrphans(index.entries.keySet());
        CaseBookSnapshot snapshot = new CaseBookSnapshot(store, team, me, clock);
        IndexCover cover = cover(index, team);
        Optional<CaseBook> restored = snapshot.load(cover, codec);
        CaseBook book = restored.orElseGet(() -> replay(index));
        index.purgeRequested.forEach(m -> book.setPurgeRequested(m, true));
        if (restored.isEmpty()) {
            snapshot.save(book, cover);
        }
        return new Loaded(index, book, snapshot, restored.isPresent() ? Desk.Opened.SNAPSHOT : Desk.Opened.REPLAY);
    }

    static IndexCover cover(DeskIndex index, TeamDirectory team) {
        return IndexCover.of(index, team.current().version(), CaseSchema.hash());
    }

    /** Decrypts and verifies every stored event in arrival order: the truth the snapshot caches. */
    private CaseBook replay(DeskIndex index) {
        CaseBook book = new CaseBook(codec, me.identities(), team);
        for (IndexEntry e : index.entries.values()) {
            byte[] blob;
            try {
                blob = store.readBlob(e.eventId());
            } catch (IOException missing) {
                continue;
            }
            book.apply(e, blob, false);
        }
        return book;
    }
}
