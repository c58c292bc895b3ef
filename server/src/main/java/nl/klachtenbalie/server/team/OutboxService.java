package nl.klachtenbalie.server.team;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import nl.klachtenbalie.crypto.bundle.Member;
import nl.klachtenbalie.crypto.bundle.MemberStatus;
import nl.klachtenbalie.crypto.bundle.TeamBundle;
import nl.klachtenbalie.crypto.pad.Padding;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;
import nl.klachtenbalie.server.Days;
import nl.klachtenbalie.server.blob.AgeBlobPolicy;
import nl.klachtenbalie.server.db.Database;
import nl.klachtenbalie.server.db.ExportDao;
import nl.klachtenbalie.server.db.MailboxDao;
import nl.klachtenbalie.server.error.ApiException;
import nl.klachtenbalie.server.ops.Metrics;
import org.jdbi.v3.core.Jdbi;

/**
 * Imports an outbox bundle written by the desk: replies (appended to their mailbox, visible to the
 * reporter), team-only blobs (not keyed by mailbox) and an optional purge list. The outbox must be
 * signed in the {@code outbox} context by a member listed as active in the current team bundle; the
 * whole import is one transaction and idempotent by event id, so uploading the same file twice adds
 * nothing. Replies to mailboxes that no longer exist are skipped and counted, not an error: the
 * reporter may have said "forget me" since the last export.
 */
public final class OutboxService {

    /** A parsed outbox (see docs/api.md); blobs are decoded and shape-checked before this is built. */
    public record Outbox(byte[] signingKey, byte[] signature, byte[] payload, List<Reply> replies,
            List<Internal> internal, List<byte[]> purge) {
    }

    public record Reply(byte[] mailboxId, byte[] eventId, byte[] blob) {
    }

    public record Internal(byte[] eventId, byte[] blob) {
    }

    /** What an import did. */
    public record Result(int replies, int internal, int purged, int skipped, int duplicates) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final String deploymentId;
    private final TeamBundles bundles;
    private final AgeBlobPolicy blobs;
    private final int visibleMaxBucket;
    private final Metrics metrics;

    public OutboxService(Jdbi jdbi, Clock clock, String deploymentId, TeamBundles bundles,
            AgeBlobPolicy blobs, int visibleMaxBucket, Metrics metrics) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.deploymentId = deploymentId;
        this.bundles = bundles;
        this.blobs = blobs;
        this.visibleMaxBucket = visibleMaxBucket;
        this.metrics = metrics;
    }

    public Result importOutbox(Outbox outbox) {
        verifySignature(outbox);
        for (int i = 0; i < outbox.replies().size(); i++) {
            blobs.check(outbox.replies().get(i).blob(), visibleMaxBucket, "replies[" + i + "].blob");
        }
        int largest = Padding.BUCKETS.get(Padding.BUCKETS.size() - 1);
        for (int i = 0; i < outbox.internal().size(); i++) {
            blobs.check(outbox.internal().get(i).blob(), largest, "internal[" + i + "].blob");
        }
        String day = Days.today(clock);
        Result result = jdbi.inTransaction(h -> {
            MailboxDao mailboxes = new MailboxDao(h);
            ExportDao export = new ExportDao(h);
            int replies = 0;
            int internal = 0;
            int purged = 0;
            int skipped = 0;
            int duplicates = 0;
            for (Reply r : outbox.replies()) {
                if (export.replyExists(r.mailboxId(), r.eventId()) > 0) {
                    duplicates++;
                } else if (mailboxes.find(r.mailboxId()).isEmpty()) {
                    skipped++;
                } else {
                    long seq = mailboxes.lastSeq(r.mailboxId()) + 1;
                    mailboxes.insertEvent(r.mailboxId(), seq, r.eventId(), r.eventId(), 0, "reply", day,
                            mailboxes.nextXseq(), r.blob());
                    // A reply keeps the conversation alive but does not eat into the reporter's quota.
                    mailboxes.touch(r.mailboxId(), day, 0);
                    replies++;
                }
            }
            for (Internal b : outbox.internal()) {
                if (export.teamBlobExists(b.eventId()) > 0) {
                    duplicates++;
                } else {
                    export.insertTeamBlob(b.eventId(), day, mailboxes.nextXseq(), b.blob());
                    internal++;
                }
            }
            for (byte[] mailbox : outbox.purge()) {
                mailboxes.deleteEvents(mailbox);
                purged += mailboxes.delete(mailbox);
            }
            return new Result(replies, internal, purged, skipped, duplicates);
        });
        if (result.purged() > 0) {
            Database.checkpoint(jdbi);
        }
        metrics.add(Metrics.Counter.REPLIES_IMPORTED, result.replies());
        metrics.add(Metrics.Counter.INTERNAL_IMPORTED, result.internal());
        metrics.add(Metrics.Counter.MAILBOXES_EXPIRED, result.purged());
        return result;
    }

    private void verifySignature(Outbox outbox) {
        TeamBundle bundle = bundles.currentBundle().orElseThrow(() -> new ApiException(409, "no_bundle",
                "no team bundle is published yet; publish one before uploading an outbox"));
        Ed25519PublicKey key;
        try {
            key = Ed25519PublicKey.fromBytes(outbox.signingKey());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_signing_key", "field 'signingKey' is not a valid Ed25519 public key");
        }
        List<Member> active = new ArrayList<>(bundle.payload().membersWithStatus(MemberStatus.ACTIVE));
        if (active.stream().noneMatch(m -> m.signingKey().equals(key))) {
            throw new ApiException(403, "signer_not_active",
                    "the outbox is signed by a key that is not an active member's signing key in the current team bundle");
        }
        if (!key.verify(SignatureContext.OUTBOX, deploymentId, outbox.signature(), outbox.payload())) {
            throw new ApiException(403, "bad_signature", "the outbox signature does not verify; export it again from the desk");
        }
    }
}
