package nl.klachtenbalie.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.klachtenbalie.server.error.ApiException;
import nl.klachtenbalie.server.ops.Metrics;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

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
        routes.exception(Exception.class, (e, ctx) -> {
            if (isBusy(e)) {
                send(ctx, 503, "busy", "the server is busy; nothing was stored — try again in a minute");
            } else if (isStorageUnavailable(e)) {
                send(ctx, 503, "storage_unavailable", "the server cannot write right now; nothing was stored — try again later");
            } else {
                send(ctx, 500, "internal", "the server failed; try again later");
            }
        });
        routes.error(404, ctx -> {
            if (!"application/json".equals(ctx.res().getContentType())) {
                send(ctx, 404, "not_found", "no such resource");
            }
        });
        routes.error(405, ctx -> send(ctx, 405, "method_not_allowed", "this path only answers POST (API) or GET (pages)"));
    }

    /**
     * True if SQLite refused for lack of storage (disk full, read-only or failing file system, file
     * gone). That is the operator's problem, not a bug: the client gets a 503 it can retry, and
     * SQLite has rolled the transaction back, so nothing was half stored.
     */
    static boolean isStorageUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLiteException s) {
                int primary = s.getResultCode().code & 0xff;
                return primary == SQLiteErrorCode.SQLITE_FULL.code || primary == SQLiteErrorCode.SQLITE_READONLY.code
                        || primary == SQLiteErrorCode.SQLITE_IOERR.code || primary == SQLiteErrorCode.SQLITE_CANTOPEN.code;
            }
        }
        return false;
    }

    /** True if SQLite gave up waiting for its lock: load, not a bug; the transaction was rolled back. */
    static boolean isBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLiteException s) {
                int primary = s.getResultCode().code & 0xff;
                return primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
            }
        }
        return false;
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
