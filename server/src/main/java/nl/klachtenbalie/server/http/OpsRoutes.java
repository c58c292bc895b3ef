package nl.klachtenbalie.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.Optional;
import nl.klachtenbalie.server.error.ApiException;
import nl.klachtenbalie.server.ops.Metrics;
import nl.klachtenbalie.server.team.TeamBundles;
import org.jdbi.v3.core.Jdbi;

/** Health, metrics, the team bundle and the reporter's static client. */
final class OpsRoutes {

    private final Jdbi jdbi;
    private final Metrics metrics;
    private final TeamBundles bundles;
    private final boolean metricsEnabled;
    private final StaticAssets web;

    OpsRoutes(Jdbi jdbi, Metrics metrics, TeamBundles bundles, boolean metricsEnabled, Optional<Path> webOverrideDir) {
        this.web = new StaticAssets("web", webOverrideDir);
        this.jdbi = jdbi;
        this.metrics = metrics;
        this.bundles = bundles;
        this.metricsEnabled = metricsEnabled;
    }

    void register(RoutesConfig routes) {
        routes.get("/health", this::health);
        if (metricsEnabled) {
            routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render()));
        }
        routes.get("/team-bundle.json", this::bundle);
        routes.get("/", ctx -> web.serve(ctx, ""));
        routes.get("/<asset>", ctx -> web.serve(ctx, ctx.pathParam("asset")));
    }

    private void health(Context ctx) {
        int one = jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
        boolean bundle = bundles.currentFile().isPresent();
        ctx.contentType("application/json").result("{\"status\":\"" + (one == 1 ? "ok" : "degraded")
                + "\",\"teamBundle\":" + bundle + "}");
    }

    private void bundle(Context ctx) {
        byte[] file = bundles.currentFile().orElseThrow(() -> new ApiException(503, "no_bundle",
                "the service is temporarily unavailable: no team bundle has been published yet"));
        ctx.contentType("application/json").result(file);
    }
}
