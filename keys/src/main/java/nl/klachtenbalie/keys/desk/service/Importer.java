package nl.klachtenbalie.keys.desk.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.klachtenbalie.keys.desk.cases.CaseBook;
import nl.klachtenbalie.keys.desk.exportfile.ExportFile;
import nl.klachtenbalie.keys.desk.exportfile.ExportReader;
import nl.klachtenbalie.keys.desk.exportfile.ExportRecord;
import nl.klachtenbalie.keys.desk.store.DeskIndex;
import nl.klachtenbalie.keys.desk.store.DeskStore;
import nl.klachtenbalie.keys.desk.store.IndexEntry;
import nl.klachtenbalie.keys.desk.team.TeamDirectory;

/**
 * Imports one export file into the store, the index and the case book, in that order:
 *
 * <ol>
 * <li>every new blob is written and forced as one batch ({@link DeskStore#putBlobs});
 * <li>the index is written atomically — the commit point: from here on the import happened;
 * <li>the new events are decrypted, verified and applied to the case book;
 * <li>the mailboxes named by tombstones are forgotten and their blobs wiped.
 * </ol>
 *
 * A crash before step 2 leaves only blobs no index names (wiped at the next open) and the import
 * can simply be run again; event ids make a second run add nothing twice. Not thread-safe: the
 * {@link Desk} calls it under its lock.
 */
final class Importer {

    private final TeamDirectory team;
    private final DeskStore store;
    private final DeskIndex index;
    private final CaseBook book;

    Importer(TeamDirectory team, DeskStore store, DeskIndex index, CaseBook book) {
        this.team = team;
        this.store = store;
        this.index = index;
        this.book = book;
    }

    /** Reads and checks the whole file before anything is stored; touches no state. */
    ExportFile read(Path file, ImportProgress progress) throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            return ExportReader.read(in, team.deploymentId(), n -> progress.update(ImportProgress.Phase.READING, n, size));
        }
    }

    ImportResult apply(Path file, ExportFile export, ImportProgress progress) throws IOException {
        progress.update(ImportProgress.Phase.STORING, 0, export.records().size());
        List<IndexEntry> fresh = new ArrayList<>();
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        List<IndexEntry> nowDelivered = new ArrayList<>();
        Set<String> tombstones = new LinkedHashSet<>();
        int duplicates = 0;
        for (ExportRecord r : export.records()) {
            if (r.type() == ExportRecord.Type.TOMBSTONE) {
                tombstones.add(r.mailbox());
                continue;
            }
            IndexEntry known = index.entries.get(r.eventId());
            if (known != null || blobs.containsKey(r.eventId())) {
                duplicates++;
                if (known != null && known.local() && !known.delivered()) {
                    nowDelivered.add(known.delivered(r.seq()));
                }
                continue;
            }
            if (r.mailbox() != null && index.forgotten.contains(r.mailbox())) {
                continue;
            }
            boolean internal = r.type() == ExportRecord.Type.INTERNAL;
            fresh.add(new IndexEntry(r.eventId(), internal ? "internal" : "event", r.mailbox(), r.publicKey(),
                    r.seq(), r.kind(), r.day().toString(), false, false));
            blobs.put(r.eventId(), r.blob());
        }
        fresh.removeIf(e -> e.mailbox() != null && tombstones.contains(e.mailbox()));
        Map<String, byte[]> batch = new LinkedHashMap<>();
        fresh.forEach(e -> batch.put(e.eventId(), blobs.get(e.eventId())));
        store.putBlobs(batch);
        boolean changed = !fresh.isEmpty() || !nowDelivered.isEmpty() || export.through() > index.lastThrough;
        List<String> doomedBlobs = new ArrayList<>();
        for (String mailbox : tombstones) {
            changed |= index.forgotten.add(mailbox);
            for (IndexEntry e : List.copyOf(index.entries.values())) {
                if (mailbox.equals(e.mailbox())) {
                    index.entries.remove(e.eventId());
                    index.unsent.remove(e.eventId());
                    doomedBlobs.add(e.eventId());
                }
            }
            index.purgeRequested.remove(mailbox);
        }
        fresh.forEach(index::put);
        nowDelivered.forEach(index::put);
        index.lastThrough = Math.max(index.lastThrough, export.through());
        if (changed) {
            store.writeIndex(index, team.teamRecipients());
        }
        // Committed. Now decrypt and check, then forget what the tombstones named.
        int[] counts = new int[6];
        int rejected = 0;
        int done = 0;
        for (IndexEntry e : fresh) {
            progress.update(ImportProgress.Phase.CHECKING, done++, fresh.size());
            boolean newCase = "report".equals(e.kind()) && book.get(e.mailbox()).isEmpty();
            if (book.apply(e, blobs.get(e.eventId()), true) == CaseBook.Outcome.REJECTED) {
                rejected++;
            } else {
                counts[slot(e, newCase)]++;
            }
        }
        nowDelivered.forEach(book::delivered);
        int forgotten = 0;
        for (String mailbox : tombstones) {
            if (book.forget(mailbox).isPresent()) {
                forgotten++;
            }
        }
        for (String id : doomedBlobs) {
            store.wipeBlob(id);
        }
        return new ImportResult(file, counts[0], counts[1], counts[2], counts[3], counts[4], duplicates, forgotten,
                rejected, export.more(), export.through());
    }

    private static int slot(IndexEntry e, boolean newCase) {
        if ("internal".equals(e.type())) {
            return 4;
        }
        return switch (e.kind()) {
            case "report" -> newCase ? 0 : 5;
            case "message" -> 1;
            case "attachment" -> 2;
            case "reply" -> 3;
            default -> 5;
        };
    }
}
