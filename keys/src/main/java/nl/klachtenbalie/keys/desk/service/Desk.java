package nl.klachtenbalie.keys.desk.service;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.keys.desk.DeskException;
import nl.klachtenbalie.keys.desk.cases.Case;
import nl.klachtenbalie.keys.desk.cases.CaseBook;
import nl.klachtenbalie.keys.desk.cases.CaseState;
import nl.klachtenbalie.keys.desk.cases.Photo;
import nl.klachtenbalie.keys.desk.cases.Warning;
import nl.klachtenbalie.keys.desk.events.EventCodec;
import nl.klachtenbalie.keys.desk.events.CryptoEventCodec;
import nl.klachtenbalie.keys.desk.events.InternalPayload;
import nl.klachtenbalie.keys.desk.events.ReplyPayload;
import nl.klachtenbalie.keys.desk.exportfile.ExportFile;
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
 * blobs, which the next start wipes — so nothing is ever half-imported or half-sent. After each
 * committed change the case book is sealed as a snapshot ({@link CaseBookSnapshot}), so the next
 * {@link #open} need not decrypt every event again.
 */
public final class Desk {

    /** How {@link #open} built the case book. */
    public enum Opened { SNAPSHOT, REPLAY }

    private final TeamDirectory team;
    private final UnlockedMember me;
    private final DeskStore store;
    private final EventCodec codec;
    private final Clock clock;
    private final SecureRandom random;
    private final DeskIndex index;
    private final CaseBook book;
    private final CaseBookSnapshot snapshot;
    private final Importer importer;
    private final Opened opened;

    private Desk(TeamDirectory team, UnlockedMember me, DeskStore store, EventCodec codec, Clock clock,
                 SecureRandom random, DeskIndex index, CaseBook book, CaseBookSnapshot snapshot, Opened opened) {
        this.team = team;
        this.me = me;
        this.store = store;
        this.codec = codec;
        this.clock = clock;
        this.random = random;
        this.index = index;
        this.book = book;
        this.snapshot = snapshot;
        this.importer = new Importer(team, store, index, book);
        this.opened = opened;
    }

    /** Opens the store: from the sealed snapshot if it covers the index exactly, else by replaying every event. */
    public static Desk open(TeamDirectory team, UnlockedMember me, DeskStore store, Clock clock, SecureRandom random)
            throws IOException {
        return open(team, me, store, clock, random, new CryptoEventCodec(team.deploymentId(), random));
    }

    static Desk open(TeamDirectory team, UnlockedMember me, DeskStore store, Clock clock, SecureRandom random,
                     EventCodec codec) throws IOException {
        DeskLoader.Loaded l = new DeskLoader(team, me, store, clock, codec).load();
        return new Desk(team, me, store, codec, clock, random, l.index(), l.book(), l.snapshot(), l.opened());
    }

    /** Called after every committed change, under the lock. */
    private void sealSnapshot() {
        snapshot.save(book, DeskLoader.cover(index, team));
    }

    /** Whether this desk was opened from the snapshot or by replaying the events. */
    public Opened opened() {
        return opened;
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
        return PhotoDecoder.png(codec, store.readBlob(photo.eventId()), me.identities(), photo);
    }

    // --- import ------------------------------------------------------------------------------

    /** Imports an export file. Runs on the caller's thread; {@code progress} is updated throughout. */
    public ImportResult importExport(Path file, ImportProgress progress) throws IOException {
        ExportFile export = importer.read(file, progress);
        synchronized (this) {
            ImportResult result = importer.apply(file, export, progress);
            sealSnapshot();
            progress.finish(result);
            return result;
        }
    }

    /** Overwrites and deletes an imported export file (DESIGN: wipe export files after import). */
    public void wipeFile(Path file) throws IOException {
        SecureDelete.wipe(file);
    }

    // --- writing -----------------------------------------------------------------------------

    /** Signs, encrypts and stores a reply; it goes out with the next outbox. */
    public synchronized String reply(String mailbox, String lang, String text) throws IOException {
        Case c = book.get(mailbox).orElseThrow(() -> new DeskException("error.case.unknown"));
        String clean = TextInput.clean(text, "error.reply.length");
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
        String clean = TextInput.clean(text, "error.note.length");
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
        sealSnapshot();
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
        sealSnapshot();
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
        sealSnapshot();
        return w;
    }

    private List<Recipient> teamRecipients() {
        return team.teamRecipients();
    }
}
