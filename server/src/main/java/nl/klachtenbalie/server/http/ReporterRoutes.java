package nl.klachtenbalie.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.klachtenbalie.crypto.pad.Padding;
import nl.klachtenbalie.server.blob.AgeBlobPolicy;
import nl.klachtenbalie.server.error.ApiException;
import nl.klachtenbalie.server.reporter.ChallengeService;
import nl.klachtenbalie.server.reporter.MailboxService;
import nl.klachtenbalie.server.reporter.ProofOfWork;
import nl.klachtenbalie.server.reporter.SignedRequest;

/**
 * The reporter API: POSTs to fixed paths, ids only in bodies, authenticated by the mailbox key.
 * Handlers only decode and validate the wire format and call {@link MailboxService}.
 *
 * <p>Successful create, append and events answers carry {@code nextNonce}, a fresh challenge, so a
 * reporter's next request on the same mailbox needs one round trip instead of two (a slow phone
 * network pays hundreds of milliseconds per trip). It links nothing new: the client uses it only for
 * the mailbox whose answer carried it, and those requests name that mailbox anyway.
 */
final class ReporterRoutes {

    static final String CHALLENGE = "/api/v1/challenge";
    static final String CREATE = "/api/v1/mailbox/create";
    static final String APPEND = "/api/v1/mailbox/append";
    static final String EVENTS = "/api/v1/mailbox/events";
    static final String DELETE = "/api/v1/mailbox/delete";

    /** Body caps of the small requests: an append carries one visible blob, the others carry none. */
    private static final long SMALL_BODY = 4096;

    private final MailboxService mailboxes;
    private final ChallengeService challenges;
    private final AgeBlobPolicy blobs;
    private final StrictJson json;
    private final int powDifficulty;
    private final int powReducedDifficulty;
    private final int visibleMaxBucket;
    private final int maxAttachments;
    private final long createMaxBytes;
    private final long appendMaxBytes;
    private final BodyReader bodies;

    ReporterRoutes(MailboxService mailboxes, ChallengeService challenges, AgeBlobPolicy blobs, StrictJson json,
            int powDifficulty, int powReducedDifficulty, int visibleMaxBucket, int maxAttachments, long createMaxBytes,
            BodyReader bodies) {
        this.bodies = bodies;
        this.mailboxes = mailboxes;
        this.challenges = challenges;
        this.blobs = blobs;
        this.json = json;
        this.powDifficulty = powDifficulty;
        this.powReducedDifficulty = powReducedDifficulty;
        this.visibleMaxBucket = visibleMaxBucket;
        this.maxAttachments = maxAttachments;
        this.createMaxBytes = createMaxBytes;
        this.appendMaxBytes = (blobs.maxFileSize(visibleMaxBucket) + 2) / 3 * 4 + SMALL_BODY;
    }

    void register(RoutesConfig routes) {
        routes.post(CHALLENGE, this::challenge);
        routes.post(CREATE, this::create);
        routes.post(APPEND, this::append);
        routes.post(EVENTS, this::events);
        routes.post(DELETE, this::delete);
    }

    private void challenge(Context ctx) {
        bodies.read(ctx, SMALL_BODY);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("nonce", challenges.issue());
        out.put("difficulty", powDifficulty);
        out.put("reducedDifficulty", powReducedDifficulty);
        out.put("expiresInSeconds", challenges.ttlSeconds());
        respond(ctx, out);
    }

    private void create(Context ctx) {
        byte[] body = bodies.read(ctx, createMaxBytes);
        ReporterRequests.Create req = json.read(body, ReporterRequests.Create.class);
        byte[] mailbox = Fields.hex(req.mailbox(), 16, "mailbox");
        byte[] publicKey = Fields.hex(req.publicKey(), 32, "publicKey");
        byte[] pow = Fields.hex(req.pow(), ProofOfWork.LENGTH, "pow");
        byte[] clientEventId = Fields.hex(req.clientEventId(), 16, "clientEventId");
        byte[] report = Fields.base64(req.report(), "report");
        blobs.check(report, visibleMaxBucket, "report");
        List<String> encoded = req.attachments() == null ? List.of() : req.attachments();
        if (encoded.size() > maxAttachments) {
            throw ApiException.badRequest("too_many_attachments", "at most " + maxAttachments + " attachments per report");
        }
        List<byte[]> attachments = new ArrayList<>();
        for (int i = 0; i < encoded.size(); i++) {
            byte[] a = Fields.base64(encoded.get(i), "attachments[" + i + "]");
            blobs.check(a, Padding.BUCKETS.get(Padding.BUCKETS.size() - 1), "attachments[" + i + "]");
            attachments.add(a);
        }
        SignedRequest signed = signed(ctx, CREATE, mailbox, req.nonce(), body);
        List<Long> seqs = mailboxes.create(
                new MailboxService.Create(mailbox, publicKey, pow, clientEventId, report, attachments), signed);
        respond(ctx, Map.of("seqs", seqs, "nextNonce", challenges.issue()));
    }

    private void append(Context ctx) {
        byte[] body = bodies.read(ctx, appendMaxBytes);
        ReporterRequests.Append req = json.read(body, ReporterRequests.Append.class);
        byte[] mailbox = Fields.hex(req.mailbox(), 16, "mailbox");
        byte[] clientEventId = Fields.hex(req.clientEventId(), 16, "clientEventId");
        byte[] message = Fields.base64(req.message(), "message");
        blobs.check(message, visibleMaxBucket, "message");
        SignedRequest signed = signed(ctx, APPEND, mailbox, req.nonce(), body);
        long seq = mailboxes.append(mailbox, clientEventId, message, signed);
        respond(ctx, Map.of("seq", seq, "nextNonce", challenges.issue()));
    }

    private void events(Context ctx) {
        byte[] body = bodies.read(ctx, SMALL_BODY);
        ReporterRequests.Events req = json.read(body, ReporterRequests.Events.class);
        byte[] mailbox = Fields.hex(req.mailbox(), 16, "mailbox");
        long after = Fields.required(req.after(), "after");
        SignedRequest signed = signed(ctx, EVENTS, mailbox, req.nonce(), body);
        ctx.contentType("application/json").result(mailboxes.events(mailbox, after, signed));
    }

    private void delete(Context ctx) {
        byte[] body = bodies.read(ctx, SMALL_BODY);
        ReporterRequests.Delete req = json.read(body, ReporterRequests.Delete.class);
        byte[] mailbox = Fields.hex(req.mailbox(), 16, "mailbox");
        SignedRequest signed = signed(ctx, DELETE, mailbox, req.nonce(), body);
        mailboxes.delete(mailbox, signed);
        respond(ctx, Map.of("deleted", true));
    }

    private SignedRequest signed(Context ctx, String path, byte[] mailbox, String nonce, byte[] body) {
        byte[] nonceBytes = challenges.check(nonce);
        return new SignedRequest(path, mailbox, nonceBytes, sha256(body), ctx.header("Authorization"));
    }

    private void respond(Context ctx, Object value) {
        ctx.contentType("application/json").result(json.write(value));
    }

    static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
