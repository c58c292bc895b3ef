package nl.klachtenbalie.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.klachtenbalie.server.error.ApiException;
import nl.klachtenbalie.server.ops.Metrics;

/**
 * The one place where failures become HTTP answers. Client mistakes become a 4xx with
 * {@code {"error": code, "message": text}}; anything unexpected becomes a bare 500 that names
 * nothing, and nothing is logged (a log line could carry request data).
 */
final class ErrorMapper {

    private final StrictJson json;
    private final Metrics metrics;

    ErrorMapper(StrictJson json, Metrics metrics) {
        this.json = json;
        this.metrics = metrics;
    }

    void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> send(ctx, e.status(), e.code(), e.getMessage()));
        routes.exception(HttpResponseException.class, (e, ctx) -> fromFramework(ctx, e.getStatus()));
        routes.exception(Exception.class, (e, ctx) -> send(ctx, 500, "internal", "the server failed; try again later"));
        routes.error(404, ctx -> {
            if (!"application/json".equals(ctx.res().getContentType())) {
                send(ctx, 404, "not_found", "no such resource");
            }
        });
        routes.error(405, ctx -> send(ctx, 405, "method_not_allowed", "this path only answers POST (API) or GET (pages)"));
    }

    private void fromFramework(Context ctx, int status) {
        switch (status) {
            case 413 -> send(ctx, 413, "too_large", "the request body is too large");
            case 404 -> send(ctx, 404, "not_found", "no such resource");
            case 405 -> send(ctx, 405, "method_not_allowed", "method not allowed here");
            default -> {
                if (status >= 400 && status < 500) {
                    send(ctx, status, "bad_request", "the request was refused");
                } else {
                    send(ctx, 500, "internal", "the server failed; try again later");
                }
            }
        }
    }

    private void send(Context ctx, int status, String code, String message) {
        metrics.increment(status >= 500 ? Metrics.Counter.SERVER_ERRORS : Metrics.Counter.CLIENT_ERRORS);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        ctx.status(status).contentType("application/json").result(json.write(body));
    }
}
