package nl.klachtenbalie.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.klachtenbalie.server.error.ApiException;
import nl.klachtenbalie.server.ops.Metrics;
import nl.klachtenbalie.server.team.ExportService;
import nl.klachtenbalie.server.team.OutboxService;
import nl.klachtenbalie.server.team.TeamAccounts;
import nl.klachtenbalie.server.team.TeamBundles;

/**
 * The transfer page and its API under the configured team path (never linked from reporter pages).
 * Authentication is a bearer token from {@code login}, held by the page in memory: no cookie, so no
 * other site can make the browser send it.
 */
final class TeamRoutes {

    static final String OUTBOX_FORMAT = "klachtenbalie-outbox/v1";
    private static final long SMALL_BODY = 4096;

    private final String base;
    private final TeamAccounts accounts;
    private final ExportService export;
    private final OutboxService outbox;
    private final TeamBundles bundles;
    private final StrictJson json;
    private final Metrics metrics;
    private final String deploymentId;
    private final long uploadMaxBytes;
    private final BodyReader bodies;
    private final StaticAssets page = new StaticAssets("team", java.util.Optional.empty());

    TeamRoutes(String base, TeamAccounts accounts, ExportService export, OutboxService outbox, TeamBundles bundles,
            StrictJson json, Metrics metrics, String deploymentId, long uploadMaxBytes, BodyReader bodies) {
        this.bodies = bodies;
        this.base = base;
        this.accounts = accounts;
        this.export = export;
        this.outbox = outbox;
        this.bundles = bundles;
        this.json = json;
        this.metrics = metrics;
        this.deploymentId = deploymentId;
        this.uploadMaxBytes = uploadMaxBytes;
    }

    void register(RoutesConfig routes) {
        routes.get(base, ctx -> page.serve(ctx, ""));
        routes.get(base + "/<asset>", ctx -> page.serve(ctx, ctx.pathParam("asset")));
        routes.post(base + "/api/login", this::login);
        routes.post(base + "/api/logout", ctx -> {
            accounts.logout(ctx.header("Authorization"));
            respond(ctx, Map.of("loggedOut", true));
        });
        routes.post(base + "/api/status", this::status);
        routes.post(base + "/api/export", this::export);
        routes.post(base + "/api/export/confirm", this::confirm);
        routes.post(base + "/api/outbox", this::outbox);
        routes.post(base + "/api/bundle", this::publishBundle);
    }

    private void login(Context ctx) {
        TeamRequests.Login req = json.read(bodies.read(ctx, SMALL_BODY), TeamRequests.Login.class);
        String token = accounts.login(req.name(), req.password(), req.totp());
        respond(ctx, Map.of("token", token));
    }

    private void status(Context ctx) {
        String account = accounts.authenticate(ctx.header("Authorization"));
        bodies.read(ctx, SMALL_BODY);
        ExportService.Range next = export.plan(account);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account", account);
        out.put("cursor", next.after());
        out.put("newRecords", next.through() > next.after());
        out.put("bundleVersion", bundles.currentBundle().map(b -> b.version()).orElse(0L));
        out.put("bundleExpires", bundles.currentBundle().map(b -> b.payload().expires().toString()).orElse(null));
        respond(ctx, out);
    }

    private void export(Context ctx) {
        String account = accounts.authenticate(ctx.header("Authorization"));
        bodies.read(ctx, SMALL_BODY);
        ExportService.Range range = export.plan(account);
        ctx.contentType("application/json");
        ctx.header("Content-Disposition", "attachment; filename=\"klachtenbalie-export-" + range.after() + "-"
                + range.through() + ".json\"");
        ctx.header("X-Export-After", Long.toString(range.after()));
        ctx.header("X-Export-Through", Long.toString(range.through()));
        ctx.header("X-Export-More", Boolean.toString(range.more()));
        try {
            export.write(range, ctx.outputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        metrics.increment(Metrics.Counter.EXPORTS);
    }

    private void confirm(Context ctx) {
        String account = accounts.authenticate(ctx.header("Authorization"));
        TeamRequests.Confirm req = json.read(bodies.read(ctx, SMALL_BODY), TeamRequests.Confirm.class);
        long cursor = export.confirm(account, Fields.required(req.through(), "through"));
        respond(ctx, Map.of("cursor", cursor));
    }

    private void outbox(Context ctx) {
        accounts.authenticate(ctx.header("Authorization"));
        TeamRequests.OutboxFile file = json.read(bodies.read(ctx, uploadMaxBytes), TeamRequests.OutboxFile.class);
        byte[] payloadBytes = Fields.base64(file.payload(), "payload");
        byte[] signature = Fields.base64(file.signature(), "signature");
        byte[] signingKey = Fields.hex(file.signingKey(), 32, "signingKey");
        TeamRequests.OutboxPayload p = json.read(payloadBytes, TeamRequests.OutboxPayload.class);
        if (!OUTBOX_FORMAT.equals(p.format())) {
            throw ApiException.badRequest("bad_format", "payload.format must be " + OUTBOX_FORMAT);
        }
        if (!deploymentId.equals(p.deployment())) {
            throw ApiException.badRequest("wrong_deployment", "this outbox was written for another deployment");
        }
        List<OutboxService.Reply> replies = new ArrayList<>();
        for (TeamRequests.Reply r : orEmpty(p.replies())) {
            Fields.required(r, "replies[]");
            replies.add(new OutboxService.Reply(Fields.hex(r.mailbox(), 16, "replies.mailbox"),
                    Fields.hex(r.eventId(), 16, "replies.eventId"), Fields.base64(r.blob(), "replies.blob")));
        }
        List<OutboxService.Internal> internal = new ArrayList<>();
        for (TeamRequests.Internal i : orEmpty(p.internal())) {
            Fields.required(i, "internal[]");
            internal.add(new OutboxService.Internal(Fields.hex(i.eventId(), 16, "internal.eventId"),
                    Fields.base64(i.blob(), "internal.blob")));
        }
        List<byte[]> purge = new ArrayList<>();
        for (String m : orEmpty(p.purge())) {
            purge.add(Fields.hex(m, 16, "purge"));
        }
        OutboxService.Result r = outbox.importOutbox(
                new OutboxService.Outbox(signingKey, signature, payloadBytes, replies, internal, purge));
        respond(ctx, Map.of("replies", r.replies(), "internal", r.internal(), "purged", r.purged(),
                "skipped", r.skipped(), "duplicates", r.duplicates()));
    }

    private void publishBundle(Context ctx) {
        accounts.authenticate(ctx.header("Authorization"));
        long version = bundles.publish(bodies.read(ctx, nl.klachtenbalie.crypto.bundle.TeamBundleVerifier.MAX_FILE_SIZE));
        respond(ctx, Map.of("version", version));
    }

    private void respond(Context ctx, Object value) {
        ctx.contentType("application/json").result(json.write(value));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
