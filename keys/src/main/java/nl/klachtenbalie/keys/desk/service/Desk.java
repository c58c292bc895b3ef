package nl.klachtenbalie.keys.desk.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.keys.desk.DeskException;
import nl.klachtenbalie.keys.desk.cases.Case;
import nl.klachtenbalie.keys.desk.cases.CaseBook;
import nl.klachtenbalie.keys.desk.cases.CaseState;
import nl.klachtenbalie.keys.desk.cases.Photo;
import nl.klachtenbalie.keys.desk.cases.Warning;
import nl.klachtenbalie.keys.desk.events.EventCodec;
import nl.klachtenbalie.keys.desk.events.EventRejected;
import nl.klachtenbalie.keys.desk.events.CryptoEventCodec;
import nl.klachtenbalie.keys.desk.events.InternalPayload;
import nl.klachtenbalie.keys.desk.events.ReplyPayload;
import nl.klachtenbalie.keys.desk.exportfile.ExportFile;
import nl.klachtenbalie.keys.desk.exportfile.ExportReader;
import nl.klachtenbalie.keys.desk.exportfile.ExportRecord;
import nl.klachtenbalie.keys.desk.images.ImageSafety;
import nl.klachtenbalie.keys.desk.store.DeskIndex;
import nl.klachtenbalie.keys.desk.store.DeskStore;
import nl.klachtenbalie.keys.desk.store.IndexEntry;
import nl.klachtenbalie.keys.desk.store.SecureDelete;
import nl.klachtenbalie.keys.desk.team.BundleStatus;
import nl.klachtenbalie.keys.desk.team.TeamDirectory;
import nl.klachtenbalie.keys.desk.team.UnlockedMember;

/**
 * The desk's services, free of any web framework: import, cases, replies, internal events and
 * the outbox. One instance per running desk; every method that changes state is synchronized, so
 * the web layer may call from any thread.
 *
 * <p>Every change is made durable the same way: new ciphertext blobs first, then the encrypted
 * index, then the in-memory case book. A failure before the index is written leaves only orphan
 * blobs, which the next start wipes — so nothing is ever half-imported or half-sent.
 */
public final class Desk {

    private final TeamDirectory team;
    private final UnlockedMember me;
    private final DeskStore store;
    private final EventCodec codec;
    private final Clock clock;
    private final SecureRandom random;
    private final DeskIndex index;
    private final CaseBook book;

    private Desk(TeamDirectory team, UnlockedMember me, DeskStore store, EventCodec codec, Clock clock,
                 SecureRandom random, DeskIndex index) {
        this.team = team;
        this.me = me;
        this.store = store;
        this.codec = codec;
        this.clock = clock;
        this.random = random;
        this.index = index;
        this.book = new CaseBook(codec, me.identities(), team);
    }

    /** Opens the store and rebuilds every case from the stored events. */
    public static Desk open(TeamDirectory team, UnlockedMember me, DeskStore store, Clock clock, SecureRandom random)
            throws IOException {
        EventCodec codec = new CryptoEventCodec(team.deploymentId(), random);
        DeskIndex index = store.readIndex(me.identities());
        Desk desk = new Desk(team, me, store, codec, clock, random, index);
        store.wipeOrphans(index.entries.keySet());
        for (IndexEntry e : index.entries.values()) {
            byte[] blob;
            try {
                blob = store.readBlob(e.eventId());
            } catch (IOException missing) {
                continue;
            }
            desk.book.apply(e, blob, false);
        }
        index.purgeRequested.forEach(m -> desk.book.setPurgeRequested(m, true));
        return desk;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public String memberId() {
        return me.id();
    }

    public List<String> memberIds() {
        return team.memberIds();
    }

    public BundleStatus bundleStatus() {
        return team.status();
    }

    // --- reading -----------------------------------------------------------------------------

    public synchronized List<Case> cases(String query, Predicate<Case> filter) {
        return book.list(query, filter, today());
    }

    public synchronized Optional<Case> get(String mailbox) {
        return book.get(mailbox);
    }

    public synchronized List<Warning> deskWarnings() {
        return book.deskWarnings();
    }

    /** Replies, internal events and purges not yet written to any outbox file. */
    public synchronized int unsentCount() {
        return index.unsent.size() + index.purgeRequested.size();
    }

    /**
     * Replies and internal events written to an outbox but not yet seen back in an export. Every
     * outbox includes them again until then (the server imports by event id), so a lost USB stick
     * loses nothing.
     */
    public synchronized int unconfirmedCount() {
        return (int) index.entries.values().stream().filter(e -> e.local() && !e.delivered()).count();
    }

    public synchronized List<String> outboxLog() {
        return List.copyOf(index.outboxLog);
    }

    /** A photo of a case as a freshly encoded PNG (never the original bytes). */
    public byte[] photoPng(String mailbox, long seq) throws IOException {
        Photo photo;
        synchronized (this) {
            Case c = book.get(mailbox).orElseThrow(() -> new DeskException("error.case.unknown"));
            photo = c.photos().stream().filter(p -> p.seq() == seq && p.eventId() != null).findFirst()
                    .orElseThrow(() -> new DeskException("error.image.missing"));
        }
        byte[] image;
        try {
            image = codec.openAttachment(store.readBlob(photo.eventId()), me.identities(), photo.ref());
        } catch (EventRejected e) {
            throw new DeskException("error.image.undecodable");
        }
        try {
            return ImageSafety.toPng(image, photo.type());
        } finally {
            java.util.Arrays.fill(image, (byte) 0);
        }
    }

    // --- import ------------------------------------------------------------------------------

    /** Imports an export file. Runs on the caller's thread; {@code progress} is updated throughout. */
    public ImportResult importExport(Path file, ImportProgress progress) throws IOException {
        long size = Files.size(file);
        ExportFile export;
        try (InputStream in = Files.newInputStream(file)) {
            export = ExportReader.read(in, team.deploymentId(),
                    n -> progress.update(ImportProgress.Phase.READING, n, size));
        }
        synchronized (this) {
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
            for (IndexEntry e : fresh) {
                store.putBlob(e.eventId(), blobs.get(e.eventId()));
            }
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
                store.writeIndex(index, teamRecipients());
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
            ImportResult result = new ImportResult(file, counts[0], counts[1], counts[2], counts[3], counts[4],
                    duplicates, forgotten, rejected, export.more(), export.through());
            progress.finish(result);
            return result;
        }
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

    /** Overwrites and deletes an imported export file (DESIGN: wipe export files after import). */
    public void wipeFile(Path file) throws IOException {
        SecureDelete.wipe(file);
    }

    // --- writing -----------------------------------------------------------------------------

    /** Signs, encrypts and stores a reply; it goes out with the next outbox. */
    public synchronized String reply(String mailbox, String lang, String text) throws IOException {
        Case c = book.get(mailbox).orElseThrow(() -> new DeskException("error.case.unknown"));
        String clean = Normalizer.normalize(text.replace("\r\n", "\n"), Normalizer.Form.NFC).strip();
        if (clean.isEmpty() || clean.codePointCount(0, clean.length()) > EventCodec.MAX_TEXT) {
            throw new DeskException("error.reply.length", EventCodec.MAX_TEXT);
        }
        if (!lang.matches("[a-z]{2,3}")) {
            throw new DeskException("error.reply.lang");
        }
        ReplyPayload payload = new ReplyPayload(mailbox, c.nextReplySeq(), c.lastReporterHash(), me.bundleVersion(),
                me.id(), today(), lang, clean);
        List<Recipient> replyTeam = team.replyTeamRecipients(c.replyRecipient());
        if (replyTeam.isEmpty()) {
            throw new IllegalStateException("the reporter's reply recipient is classic but the team has no classic keys");
        }
        byte[] blob = codec.sealReply(payload, me.signingKey(), c.mailboxKey(), c.replyRecipient(), replyTeam);
        return commitLocal(new IndexEntry(DeskStore.newEventId(random), "event", mailbox, c.mailboxKey(), 0, "reply",
                today().toString(), true, false), blob);
    }

    /** One click: the acknowledgement text, and the case moves from "new" to "acknowledged". */
    public synchronized String acknowledge(String mailbox, String lang, String text) throws IOException {
        String id = reply(mailbox, lang, text);
        if (book.get(mailbox).map(Case::state).orElse(null) == CaseState.NEW) {
            setState(mailbox, CaseState.ACKNOWLEDGED);
        }
        return id;
    }

    public synchronized void setState(String mailbox, CaseState state) throws IOException {
        internal(mailbox, InternalPayload.STATE, state.code());
    }

    public synchronized void addNote(String mailbox, String text) throws IOException {
        String clean = Normalizer.normalize(text.replace("\r\n", "\n"), Normalizer.Form.NFC).strip();
        if (clean.isEmpty() || clean.codePointCount(0, clean.length()) > EventCodec.MAX_TEXT) {
            throw new DeskException("error.note.length", EventCodec.MAX_TEXT);
        }
        internal(mailbox, InternalPayload.NOTE, clean);
    }

    public synchronized void assign(String mailbox, String memberId) throws IOException {
        if (!memberId.isEmpty() && !team.memberIds().contains(memberId)) {
            throw new DeskException("error.member.unknown", memberId, team.current().version());
        }
        internal(mailbox, InternalPayload.ASSIGN, memberId);
    }

    /** Adds ({@code add}) or removes a label: a short word or phrase. */
    public synchronized void label(String mailbox, String label, boolean add) throws IOException {
        String clean = Normalizer.normalize(label, Normalizer.Form.NFC).strip();
        if (clean.isEmpty() || clean.length() > 40) {
            throw new DeskException("error.label");
        }
        internal(mailbox, InternalPayload.LABEL, (add ? "+" : "-") + clean);
    }

    /** Marks a closed case for purging from the server in the next outbox. */
    public synchronized void requestPurge(String mailbox, boolean purge) throws IOException {
        Case c = book.get(mailbox).orElseThrow(() -> new DeskException("error.case.unknown"));
        if (purge && c.state() != CaseState.CLOSED) {
            throw new DeskException("error.purge.notClosed");
        }
        if (purge) {
            index.purgeRequested.add(mailbox);
        } else {
            index.purgeRequested.remove(mailbox);
        }
        book.setPurgeRequested(mailbox, purge);
        store.writeIndex(index, teamRecipients());
    }

    private void internal(String mailbox, String type, String value) throws IOException {
        if (book.get(mailbox).isEmpty()) {
            throw new DeskException("error.case.unknown");
        }
        byte[] blob = codec.sealInternal(new InternalPayload(me.id(), today(), mailbox, type, value), me.signingKey(),
                teamRecipients());
        commitLocal(new IndexEntry(DeskStore.newEventId(random), "internal", mailbox, null, 0, null, today().toString(),
                true, false), blob);
    }

    private String commitLocal(IndexEntry e, byte[] blob) throws IOException {
        store.putBlob(e.eventId(), blob);
        index.put(e);
        index.unsent.add(e.eventId());
        store.writeIndex(index, teamRecipients());
        if (book.apply(e, blob, true) == CaseBook.Outcome.REJECTED) {
            throw new IllegalStateException("the desk refused its own event");
        }
        return e.eventId();
    }

    /**
     * Writes every reply and internal event the server has not confirmed yet, plus the purge list,
     * as one signed outbox file in {@code directory}. Writing again is harmless: the server
     * imports by event id.
     */
    public synchronized OutboxWriter.Written writeOutbox(Path directory) throws IOException {
        List<OutboxWriter.Item> replies = new ArrayList<>();
        List<OutboxWriter.Item> internals = new ArrayList<>();
        for (IndexEntry e : index.entries.values()) {
            if (e.local() && !e.delivered()) {
                OutboxWriter.Item item = new OutboxWriter.Item(e.mailbox(), e.eventId(), store.readBlob(e.eventId()));
                ("internal".equals(e.type()) ? internals : replies).add(item);
            }
        }
        List<String> purge = List.copyOf(index.purgeRequested);
        OutboxWriter.Written w = new OutboxWriter(team.deploymentId(), me.signingKey())
                .write(directory, today(), replies, internals, purge);
        index.unsent.clear();
        index.purgeSent.addAll(purge);
        index.purgeRequested.clear();
        purge.forEach(m -> book.setPurgeRequested(m, false));
        index.outboxLog.add(today() + " " + w.file().getFileName() + " " + replies.size() + " " + internals.size()
                + " " + purge.size());
        store.writeIndex(index, teamRecipients());
        return w;
    }

    private List<Recipient> teamRecipients() {
        return team.teamRecipients();
    }
}
