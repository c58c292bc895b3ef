package nl.klachtenbalie.keys.desk.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.klachtenbalie.keys.desk.events.InternalPayload;

/**
 * One reporter's case, as decrypted in memory: the pinned keys from the first report, the form,
 * photos, conversation, internal notes and state. Built and changed only by {@link CaseBook};
 * readers get unmodifiable views.
 */
public final class Case {

    private final String mailbox;
    private final String mailboxKey;
    private String replyRecipient;
    private final LocalDate reportDay;
    private final Map<String, String> form;
    private final String lang;
    final List<Photo> photos = new ArrayList<>();
    final List<ConversationItem> conversation = new ArrayList<>();
    final List<Note> notes = new ArrayList<>();
    final List<Warning> warnings = new ArrayList<>();
    final Set<String> labels = new TreeSet<>();
    CaseState state = CaseState.NEW;
    String assignee = "";
    /** SHA-256 hex of the reporter event with the highest seq, for {@code lastReporterEvent}. */
    String lastReporterHash;
    long lastReporterSeq;
    long maxReplySeq;
    boolean purgeRequested;
    private String searchText;

    Case(String mailbox, String mailboxKey, String replyRecipient, LocalDate reportDay, Map<String, String> form, String lang) {
        this.mailbox = mailbox;
        this.mailboxKey = mailboxKey;
        this.replyRecipient = replyRecipient;
        this.reportDay = reportDay;
        this.form = Map.copyOf(form);
        this.lang = lang;
    }

    public String mailbox() {
        return mailbox;
    }

    /** Pinned from the report: every later reporter event must carry exactly this key. */
    public String mailboxKey() {
        return mailboxKey;
    }

    /**
     * Pinned from the report (or moved once by a hybrid announcement, {@link AnnouncedRecipient}):
     * replies are encrypted to this recipient and no other.
     */
    public String replyRecipient() {
        return replyRecipient;
    }

    void repin(String hybridRecipient) {
        this.replyRecipient = hybridRecipient;
    }

    public LocalDate reportDay() {
        return reportDay;
    }

    public Map<String, String> form() {
        return form;
    }

    /** The reporter's interface language. */
    public String lang() {
        return lang;
    }

    /** The language replies should be in: the form's replyLang, else the interface language. */
    public String replyLang() {
        return form.getOrDefault("replyLang", lang);
    }

    public List<Photo> photos() {
        return List.copyOf(photos);
    }

    /** Reporter messages and replies: by server sequence, unconfirmed replies last in writing order. */
    public List<ConversationItem> conversation() {
        List<ConversationItem> c = new ArrayList<>(conversation);
        c.sort(Comparator.comparingLong((ConversationItem i) -> i.seq() == 0 ? Long.MAX_VALUE : i.seq())
                .thenComparingLong(ConversationItem::order));
        return c;
    }

    public List<Note> notes() {
        return List.copyOf(notes);
    }

    public List<Warning> warnings() {
        return List.copyOf(warnings);
    }

    public Set<String> labels() {
        return Set.copyOf(labels);
    }

    public CaseState state() {
        return state;
    }

    public String assignee() {
        return assignee;
    }

    public String lastReporterHash() {
        return lastReporterHash;
    }

    public long nextReplySeq() {
        return maxReplySeq + 1;
    }

    public boolean purgeRequested() {
        return purgeRequested;
    }

    /** The report's text (the first conversation item from the reporter), or empty. */
    public String reportText() {
        return conversation().stream().filter(ConversationItem::fromReporter).map(ConversationItem::text)
                .findFirst().orElse("");
    }

    public long replyCount() {
        return conversation.stream().filter(i -> !i.fromReporter()).count();
    }

    public Deadlines deadlines(LocalDate today) {
        return Deadlines.of(this, today);
    }

    /** Every decrypted word of the case, normalised for search; rebuilt after each change. */
    String searchText() {
        if (searchText == null) {
            StringBuilder sb = new StringBuilder();
            conversation.forEach(i -> sb.append(i.text()).append('\n'));
            notes.forEach(n -> sb.append(n.text()).append('\n'));
            labels.forEach(l -> sb.append(l).append('\n'));
            form.values().forEach(v -> sb.append(v).append('\n'));
            sb.append(assignee).append('\n').append(state.code());
            searchText = Search.normalise(sb.toString());
        }
        return searchText;
    }

    void changed() {
        searchText = null;
    }

    /** A team member's signed internal event: state, note, assignee or label. */
    void applyInternal(InternalPayload p) {
        switch (p.type()) {
            case InternalPayload.STATE -> CaseState.fromCode(p.value()).ifPresent(s -> state = s);
            case InternalPayload.NOTE -> notes.add(new Note(p.signer(), p.day().toString(), p.value()));
            case InternalPayload.ASSIGN -> assignee = p.value();
            case InternalPayload.LABEL -> {
                String name = p.value().length() > 1 ? p.value().substring(1) : "";
                if (p.value().startsWith("+") && !name.isBlank()) {
                    labels.add(name);
                } else if (p.value().startsWith("-")) {
                    labels.remove(name);
                }
            }
            default -> { }
        }
        changed();
    }
}
