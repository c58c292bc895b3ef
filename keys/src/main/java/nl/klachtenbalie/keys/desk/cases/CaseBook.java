package nl.klachtenbalie.keys.desk.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.crypto.bundle.Member;
import nl.klachtenbalie.crypto.sign.SignatureContext;
import nl.klachtenbalie.keys.desk.events.AttachmentRef;
import nl.klachtenbalie.keys.desk.images.ImageSafety;
import nl.klachtenbalie.keys.desk.events.EventCodec;
import nl.klachtenbalie.keys.desk.events.EventRejected;
import nl.klachtenbalie.keys.desk.events.InternalPayload;
import nl.klachtenbalie.keys.desk.events.ReplyPayload;
import nl.klachtenbalie.keys.desk.events.ReporterPayload;
import nl.klachtenbalie.keys.desk.events.Signed;
import nl.klachtenbalie.keys.desk.store.IndexEntry;
import nl.klachtenbalie.keys.desk.team.TeamDirectory;

/**
 * All cases, decrypted in memory, built by applying stored events one by one in arrival order —
 * on import and again, identically, on every start (so there is no second copy of case state
 * that could disagree with the signed events).
 *
 * <p>The checks of protocol §7 happen here. The first report of a mailbox pins its mailbox key
 * and reply recipient; every later event of the mailbox must match them, be signed correctly,
 * and carry the mailbox id and sequence number the server filed it under. Anything else becomes
 * a {@link Warning} on the case (or on the desk, if there is no case) — never silently dropped,
 * never half-applied.
 */
public final class CaseBook {

    /** What happened to one event. */
    public enum Outcome { ACCEPTED, REJECTED }

    private final EventCodec codec;
    private final List<? extends Identity> identities;
    private final TeamDirectory team;
    // Package-private for CaseBookCodec, which seals exactly this state into the desk's snapshot.
    final Map<String, Case> cases = new LinkedHashMap<>();
    final List<Warning> deskWarnings = new ArrayList<>();
    /** Internal events for a mailbox whose report has not arrived (yet). */
    final Map<String, List<Signed<InternalPayload>>> waiting = new HashMap<>();
    long order;

    public CaseBook(EventCodec codec, List<? extends Identity> identities, TeamDirectory team) {
        this.codec = codec;
        this.identities = identities;
        this.team = team;
    }

    /**
     * Applies one stored event.
     *
     * @param fullCheck also decrypt attachments to check their size and type (on import; a
     *     restart only re-checks their hash, which is what binds them to the signed report)
     */
    public Outcome apply(IndexEntry e, byte[] blob, boolean fullCheck) {
        order++;
        try {
            if ("internal".equals(e.type())) {
                return internal(e, blob);
            }
            return switch (e.kind()) {
                case "report" -> report(e, blob);
                case "message" -> message(e, blob);
                case "attachment" -> attachment(e, blob, fullCheck);
                case "reply" -> reply(e, blob);
                default -> warn(null, e, "warn.malformed", "kind");
            };
        } catch (EventRejected r) {
            return warn(e.mailbox() == null ? null : cases.get(e.mailbox()), e, "warn." + r.kind().name().toLowerCase(Locale.ROOT),
                    r.getMessage());
        }
    }

    private Outcome report(IndexEntry e, byte[] blob) throws EventRejected {
        ReporterPayload p = codec.openReporter(blob, identities);
        Case existing = cases.get(e.mailbox());
        if (existing != null) {
            return warn(existing, e, "warn.report.duplicate");
        }
        if (!p.isReport()) {
            return warn(null, e, "warn.kind", p.kind(), e.kind());
        }
        if (!p.mailbox().equals(e.mailbox())) {
            return warn(null, e, "warn.splice.mailbox", p.mailbox(), e.mailbox());
        }
        if (!p.mailboxKey().equals(e.publicKey())) {
            return warn(null, e, "warn.key.server");
        }
        if (p.seq() != e.seq() || p.seq() != 1) {
            return warn(null, e, "warn.seq", p.seq(), e.seq());
        }
        Case c = new Case(e.mailbox(), p.mailboxKey(), p.replyRecipient(), LocalDate.parse(e.day()), p.form(), p.lang());
        for (AttachmentRef a : p.attachments()) {
            c.photos.add(new Photo(a.seq(), a.sha256(), a.type(), a.bytes(), null));
        }
        c.conversation.add(new ConversationItem(e.eventId(), "reporter", e.seq(), 0, e.day(), p.lang(), p.text(), null, true, order));
        reporterEvent(c, e, blob);
        cases.put(c.mailbox(), c);
        for (Signed<InternalPayload> waitingEvent : waiting.getOrDefault(c.mailbox(), List.of())) {
            c.applyInternal(waitingEvent.payload());
        }
        waiting.remove(c.mailbox());
        return Outcome.ACCEPTED;
    }

    private Outcome message(IndexEntry e, byte[] blob) throws EventRejected {
        Case c = cases.get(e.mailbox());
        if (c == null) {
            return warn(null, e, "warn.orphan");
        }
        ReporterPayload p = codec.openReporter(blob, identities);
        Optional<Outcome> bad = checkReporterEvent(c, e, p, ReporterPayload.KIND_MESSAGE);
        if (bad.isPresent()) {
            return bad.get();
        }
        Optional<String> refused = AnnouncedRecipient.refusal(c, p, team);
        if (refused.isPresent()) {
            return warn(c, e, refused.get());
        }
        c.conversation.add(new ConversationItem(e.eventId(), "reporter", e.seq(), 0, e.day(), p.lang(), p.text(), null, true, order));
        reporterEvent(c, e, blob);
        AnnouncedRecipient.apply(c, p);
        return Outcome.ACCEPTED;
    }

    /** The pinning rules of §7.1 for every reporter event after the report. */
    private Optional<Outcome> checkReporterEvent(Case c, IndexEntry e, ReporterPayload p, String kind) {
        if (!p.kind().equals(kind)) {
            return Optional.of(warn(c, e, "warn.kind", p.kind(), e.kind()));
        }
        if (!p.mailbox().equals(c.mailbox())) {
            return Optional.of(warn(c, e, "warn.splice.mailbox", p.mailbox(), e.mailbox()));
        }
        if (!p.mailboxKey().equals(c.mailboxKey()) || !c.mailboxKey().equals(e.publicKey())) {
            return Optional.of(warn(c, e, "warn.key.pinned"));
        }
        if (!p.replyRecipient().equals(c.replyRecipient())) {
            return Optional.of(warn(c, e, "warn.recipient.pinned"));
        }
        if (p.seq() != e.seq()) {
            return Optional.of(warn(c, e, "warn.seq", p.seq(), e.seq()));
        }
        return Optional.empty();
    }

    private Outcome attachment(IndexEntry e, byte[] blob, boolean fullCheck) throws EventRejected {
        Case c = cases.get(e.mailbox());
        if (c == null) {
            return warn(null, e, "warn.orphan");
        }
        if (!c.mailboxKey().equals(e.publicKey())) {
            return warn(c, e, "warn.key.pinned");
        }
        String hash = Sha256.hex(blob);
        for (int i = 0; i < c.photos.size(); i++) {
            Photo ph = c.photos.get(i);
            if (ph.sha256().equals(hash) && ph.seq() == e.seq() && ph.eventId() == null) {
                if (fullCheck) {
                    byte[] image = codec.openAttachment(blob, identities, ph.ref());
                    boolean ok = ImageSafety.hasMagic(image, ph.type());
                    Arrays.fill(image, (byte) 0);
                    if (!ok) {
                        return warn(c, e, "warn.attachment.content");
                    }
                }
                c.photos.set(i, ph.arrived(e.eventId()));
                reporterEvent(c, e, blob);
                return Outcome.ACCEPTED;
            }
        }
        return warn(c, e, "warn.attachment.unlisted", e.seq());
    }

    private void reporterEvent(Case c, IndexEntry e, byte[] blob) {
        if (e.seq() > c.lastReporterSeq) {
            c.lastReporterSeq = e.seq();
            c.lastReporterHash = Sha256.hex(blob);
        }
        c.changed();
    }

    private Outcome reply(IndexEntry e, byte[] blob) throws EventRejected {
        Case c = cases.get(e.mailbox());
        if (c == null) {
            return warn(null, e, "warn.orphan");
        }
        Signed<ReplyPayload> s = codec.openReply(blob, identities);
        ReplyPayload p = s.payload();
        Optional<Member> signer = team.member(p.bundleVersion(), p.signer());
        if (signer.isEmpty() || !TeamDirectory.signerValidOn(signer.get(), p.day())
                || !s.verifiedBy(signer.get().signingKey(), SignatureContext.REPLY, team.deploymentId())) {
            return warn(c, e, "warn.reply.signer", p.signer());
        }
        if (!p.mailbox().equals(c.mailbox())) {
            return warn(c, e, "warn.splice.mailbox", p.mailbox(), e.mailbox());
        }
        if (p.replySeq() != c.maxReplySeq + 1) {
            warn(c, e, "warn.reply.seq", p.replySeq(), c.maxReplySeq + 1);
        }
        c.maxReplySeq = Math.max(c.maxReplySeq, p.replySeq());
        c.conversation.add(new ConversationItem(e.eventId(), "team", e.seq(), p.replySeq(), p.day().toString(), p.lang(),
                p.text(), p.signer(), !e.local() || e.delivered(), order));
        c.changed();
        return Outcome.ACCEPTED;
    }

    private Outcome internal(IndexEntry e, byte[] blob) throws EventRejected {
        Signed<InternalPayload> s = codec.openInternal(blob, identities);
        InternalPayload p = s.payload();
        Optional<Member> signer = team.latestMember(p.signer());
        if (signer.isEmpty() || !TeamDirectory.signerValidOn(signer.get(), p.day())
                || !s.verifiedBy(signer.get().signingKey(), SignatureContext.INTERNAL, team.deploymentId())) {
            return warn(cases.get(p.mailbox()), e, "warn.internal.signer", p.signer());
        }
        Case c = cases.get(p.mailbox());
        if (c == null) {
            waiting.computeIfAbsent(p.mailbox(), k -> new ArrayList<>()).add(s);
            return Outcome.ACCEPTED;
        }
        c.applyInternal(p);
        return Outcome.ACCEPTED;
    }

    /** A local reply or internal event has come back in an export: the server has it. */
    public void delivered(IndexEntry e) {
        Case c = e.mailbox() == null ? null : cases.get(e.mailbox());
        if (c == null) {
            return;
        }
        c.conversation.replaceAll(i -> i.eventId().equals(e.eventId()) ? i.withDelivery(e.seq()) : i);
    }

    /** A tombstone: the case is gone, with everything decrypted from it. */
    public Optional<Case> forget(String mailbox) {
        waiting.remove(mailbox);
        deskWarnings.removeIf(w -> w.args().contains(mailbox));
        return Optional.ofNullable(cases.remove(mailbox));
    }

    public void setPurgeRequested(String mailbox, boolean requested) {
        Case c = cases.get(mailbox);
        if (c != null) {
            c.purgeRequested = requested;
        }
    }

    public Optional<Case> get(String mailbox) {
        return Optional.ofNullable(cases.get(mailbox));
    }

    public int size() {
        return cases.size();
    }

    /** Warnings about events that belong to no case. */
    public List<Warning> deskWarnings() {
        return List.copyOf(deskWarnings);
    }

    /** Cases matching {@code query} and {@code filter}, in the desk's order: see {@link Search#list}. */
    public List<Case> list(String query, Predicate<Case> filter, LocalDate today) {
        return Search.list(cases.values(), query, filter, today);
    }

    private Outcome warn(Case c, IndexEntry e, String key, Object... args) {
        Warning w = new Warning(e.eventId(), e.day(), key, List.of(args));
        if (c != null) {
            c.warnings.add(w);
        } else {
            List<Object> withMailbox = new ArrayList<>(List.of(args));
            if (e.mailbox() != null) {
                withMailbox.add(e.mailbox());
            }
            deskWarnings.add(new Warning(e.eventId(), e.day(), key, withMailbox));
        }
        return Outcome.REJECTED;
    }
}
