package nl.klachtenbalie.server.reporter;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.klachtenbalie.server.Days;
import nl.klachtenbalie.server.db.AppendState;
import nl.klachtenbalie.server.db.Database;
import nl.klachtenbalie.server.db.EventRow;
import nl.klachtenbalie.server.db.MailboxDao;
import nl.klachtenbalie.server.db.MailboxRow;
import nl.klachtenbalie.server.error.ApiException;
import nl.klachtenbalie.server.ops.Metrics;
import org.jdbi.v3.core.Jdbi;

/**
 * The reporter's side of the append-only log. Every operation authenticates first (nonce, then
 * signature, then the nonce is spent) and only then touches the store, so a refused request stores
 * nothing.
 */
public final class MailboxService {

    /** Limits that apply to reporters. */
    public record Limits(int powDifficulty, int powReducedDifficulty, int eventsPerDay, long mailboxMaxBytes) {
    }

    /** A new mailbox with its first report and optional attachments (blobs already checked). */
    public record Create(byte[] mailboxId, byte[] publicKey, byte[] pow, byte[] clientEventId, byte[] report,
            List<byte[]> attachments) {
    }

    private static final int QUERY_LIMIT = 64;

    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random;
    private final ChallengeService challenges;
    private final RequestAuthenticator authenticator;
    private final TokenBucket reducedPow;
    private final EventPager pager;
    private final Limits limits;
    private final Metrics metrics;

    public MailboxService(Jdbi jdbi, Clock clock, SecureRandom random, ChallengeService challenges,
            RequestAuthenticator authenticator, TokenBucket reducedPow, EventPager pager, Limits limits, Metrics metrics) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.random = random;
        this.challenges = challenges;
        this.authenticator = authenticator;
        this.reducedPow = reducedPow;
        this.pager = pager;
        this.limits = limits;
        this.metrics = metrics;
    }

    /** Creates the mailbox with its first event(s); a retry with the same client event id returns the same seqs. */
    public List<Long> create(Create cmd, SignedRequest request) {
        int bits = ProofOfWork.leadingZeroBits(request.nonce(), cmd.pow());
        if (bits < limits.powReducedDifficulty()) {
            throw ApiException.badRequest("pow_insufficient", "the proof of work does not meet the difficulty; solve the puzzle for this nonce");
        }
        Optional<MailboxRow> existing = find(cmd.mailboxId());
        if (existing.isPresent()) {
            authenticator.verify(request, Optional.of(existing.get().publicKey()));
        } else {
            authenticator.verifyNewKey(request, cmd.publicKey());
        }
        challenges.consume(request.nonce());
        if (existing.isEmpty() && bits < limits.powDifficulty()) {
            if (!reducedPow.tryTake()) {
                throw new ApiException(429, "reduced_pow_busy",
                        "too many requests with the reduced puzzle right now; solve the full puzzle or try again later");
            }
            metrics.increment(Metrics.Counter.REDUCED_POW_ACCEPTED);
        }
        long bytes = cmd.report().length + cmd.attachments().stream().mapToLong(a -> a.length).sum();
        if (bytes > limits.mailboxMaxBytes()) {
            throw new ApiException(413, "mailbox_full", "the report and its attachments exceed the mailbox size limit; send fewer or smaller photos");
        }
        String day = Days.today(clock);
        List<Long> seqs = jdbi.inTransaction(h -> {
            MailboxDao dao = new MailboxDao(h);
            if (dao.find(cmd.mailboxId()).isPresent()) {
                List<Long> earlier = dao.seqsForClientEvent(cmd.mailboxId(), cmd.clientEventId());
                if (earlier.isEmpty()) {
                    throw new ApiException(409, "mailbox_exists", "this mailbox already exists; use /api/v1/mailbox/append");
                }
                return earlier;
            }
            dao.insert(cmd.mailboxId(), cmd.publicKey(), day, bytes);
            List<Long> out = new ArrayList<>();
            out.add(insert(dao, cmd.mailboxId(), 1, cmd.clientEventId(), 0, "report", day, cmd.report()));
            for (int i = 0; i < cmd.attachments().size(); i++) {
                out.add(insert(dao, cmd.mailboxId(), 2 + i, cmd.clientEventId(), 1 + i, "attachment", day, cmd.attachments().get(i)));
            }
            metrics.increment(Metrics.Counter.MAILBOXES_CREATED);
            return out;
        });
        return seqs;
    }

    /** Appends a reporter message; a retry with the same client event id returns the first seq. */
    public long append(byte[] mailboxId, byte[] clientEventId, byte[] message, SignedRequest request) {
        authenticate(mailboxId, request);
        String day = Days.today(clock);
        return jdbi.inTransaction(h -> {
            MailboxDao dao = new MailboxDao(h);
            AppendState state = dao.appendState(mailboxId, clientEventId, day).orElseThrow(ApiException::unauthorized);
            if (state.earlierSeq() > 0) {
                return state.earlierSeq();
            }
            if (state.messagesToday() >= limits.eventsPerDay()) {
                throw new ApiException(429, "quota_day", "this mailbox has sent its maximum of messages for today; try again tomorrow");
            }
            if (state.totalBytes() + message.length > limits.mailboxMaxBytes()) {
                throw new ApiException(413, "mailbox_full", "this mailbox is full; the team can still reply");
            }
            long seq = insert(dao, mailboxId, state.lastSeq() + 1, clientEventId, 0, "message", day, message);
            dao.touch(mailboxId, day, message.length);
            metrics.increment(Metrics.Counter.MESSAGES_APPENDED);
            return seq;
        });
    }

    /** One fixed-size page of the events with seq greater than {@code after}. */
    public byte[] events(byte[] mailboxId, long after, SignedRequest request) {
        if (after < 0) {
            throw ApiException.badRequest("bad_after", "field 'after' must be 0 or a seq you have already seen");
        }
        authenticate(mailboxId, request);
        List<EventRow> rows = jdbi.withHandle(h -> new MailboxDao(h).visibleAfter(mailboxId, after, QUERY_LIMIT + 1));
        boolean more = rows.size() > QUERY_LIMIT;
        metrics.increment(Metrics.Counter.EVENT_POLLS);
        return pager.page(more ? rows.subList(0, QUERY_LIMIT) : rows, more, challenges.issue());
    }

    /** "Forget me": deletes every row of the mailbox and leaves a tombstone for the team's next export. */
    public void delete(byte[] mailboxId, SignedRequest request) {
        authenticate(mailboxId, request);
        String day = Days.today(clock);
        jdbi.useTransaction(h -> {
            MailboxDao dao = new MailboxDao(h);
            dao.deleteEvents(mailboxId);
            if (dao.delete(mailboxId) > 0) {
                dao.insertTombstone(mailboxId, "forget", day, dao.nextXseq());
            }
        });
        Database.checkpoint(jdbi);
        metrics.increment(Metrics.Counter.MAILBOXES_FORGOTTEN);
    }

    private void authenticate(byte[] mailboxId, SignedRequest request) {
        authenticator.verify(request, find(mailboxId).map(MailboxRow::publicKey));
        challenges.consume(request.nonce());
    }

    private Optional<MailboxRow> find(byte[] mailboxId) {
        return jdbi.withHandle(h -> new MailboxDao(h).find(mailboxId));
    }

    private long insert(MailboxDao dao, byte[] mailboxId, long seq, byte[] clientEventId, int part, String kind,
            String day, byte[] blob) {
        byte[] eventId = new byte[16];
        random.nextBytes(eventId);
        dao.insertEvent(mailboxId, seq, eventId, clientEventId, part, kind, day, dao.nextXseq(), blob);
        return seq;
    }
}
