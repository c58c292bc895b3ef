package nl.klachtenbalie.keys.desk.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One request, as the desk's handlers see it: the path after the secret, parameters, and replies with the desk's headers. */
final class Exchange {

    static final int MAX_FORM_BYTES = 512 * 1024;

    /**
     * Sent on every response: nothing cached, nothing sniffed, nothing framed, no script. The
     * referrer policy is {@code same-origin}, not {@code no-referrer}: under {@code no-referrer}
     * Chromium sends {@code Origin: null} with form posts, and the origin check needs the real one.
     * There are no links to other origins anyway. {@code allow-downloads} lets the statistics page
     * offer its CSV (same origin, generated from numbers; decrypted text is never a link target).
     */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Cache-Control", "no-store, max-age=0",
            "Pragma", "no-cache",
            "X-Content-Type-Options", "nosniff",
            "Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; "
                    + "frame-ancestors 'none'; base-uri 'none'; sandbox allow-forms allow-same-origin allow-downloads",
            "Referrer-Policy", "same-origin",
            "X-Frame-Options", "DENY",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cross-Origin-Resource-Policy", "same-origin",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()");

    private final HttpExchange ex;
    private final String base;
    private final List<String> segments;
    private final Map<String, String> query;
    private Map<String, String> form;

    Exchange(HttpExchange ex, String base, String restPath) {
        this.ex = ex;
        this.base = base;
        this.segments = List.of(restPath.split("/")).stream().filter(s -> !s.isEmpty()).toList();
        this.query = parse(ex.getRequestURI().getRawQuery());
    }

    String method() {
        return ex.getRequestMethod();
    }

    List<String> segments() {
        return segments;
    }

    /** The secret path prefix, e.g. {@code /SECRET}: every link starts with it. */
    String base() {
        return base;
    }

    String query(String name) {
        return query.getOrDefault(name, "");
    }

    String form(String name) throws IOException {
        if (form == null) {
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
                form = Map.of();
            } else {
                try (InputStream in = ex.getRequestBody()) {
                    byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
                    if (body.length > MAX_FORM_BYTES) {
                        throw new WebError(413, "error.web.tooLarge");
                    }
                    form = parse(new String(body, StandardCharsets.US_ASCII));
                }
            }
        }
        return form.getOrDefault(name, "");
    }

    /** Sets an extra response header (before sending). */
    void header(String name, String value) {
        ex.getResponseHeaders().set(name, value);
    }

    void html(int status, String page) throws IOException {
        send(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    void send(int status, String contentType, byte[] body) throws IOException {
        Headers h = ex.getResponseHeaders();
        SECURITY_HEADERS.forEach(h::set);
        h.set("Content-Type", contentType);
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.sendResponseHeaders(status, -1);
            ex.close();
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    /** 303 to a page of the desk (path relative to the secret prefix), so a reload never re-posts. */
    void redirect(String path) throws IOException {
        ex.getResponseHeaders().set("Location", base + path);
        send(303, "text/plain; charset=utf-8", new byte[0]);
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                m.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new WebError(400, "error.web.badRequest");
            }
        }
        return m;
    }

    /** An HTTP error with a catalog message. */
    static final class WebError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String key;

        WebError(int status, String key) {
            super(key);
            this.status = status;
            this.key = key;
        }
    }
}
