package nl.klachtenbalie.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Map;
import nl.klachtenbalie.server.error.ApiException;

/**
 * Serves files from a classpath folder. Deliberately small instead of Jetty's resource handler: no
 * directory listings, no ETag or Last-Modified (which would fingerprint a returning visitor), no
 * content sniffing, and only a fixed list of types (no SVG, which can carry script).
 */
final class StaticAssets {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("webmanifest", "application/manifest+json"));

    private final String root;
    private final Optional<Path> overrideDir;

    /**
     * @param root the classpath folder, e.g. {@code web}
     * @param overrideDir a folder whose regular files win over the classpath ones of the same name
     */
    StaticAssets(String root, Optional<Path> overrideDir) {
        this.root = root;
        this.overrideDir = overrideDir.map(p -> p.toAbsolutePath().normalize());
    }

    /** Serves {@code relative} ("" means index.html) or answers 404. */
    void serve(Context ctx, String relative) {
        String path = relative.isEmpty() || relative.endsWith("/") ? relative + "index.html" : relative;
        if (!path.matches("[A-Za-z0-9_-][A-Za-z0-9._/-]*") || path.contains("..") || path.contains("//")
                || path.contains("/.")) {
            throw notFound();
        }
        int dot = path.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(path.substring(dot + 1));
        if (type == null) {
            throw notFound();
        }
        Optional<byte[]> local = fromOverride(path);
        if (local.isPresent()) {
            ctx.contentType(type).result(local.get());
            return;
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(root + "/" + path)) {
            if (in == null) {
                throw notFound();
            }
            ctx.contentType(type).result(in.readAllBytes());
        } catch (IOException e) {
            throw notFound();
        }
    }

    private Optional<byte[]> fromOverride(String path) {
        if (overrideDir.isEmpty()) {
            return Optional.empty();
        }
        Path file = overrideDir.get().resolve(path).normalize();
        // Links are not followed: only a regular file that really lies in the folder is served.
        if (!file.startsWith(overrideDir.get()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static ApiException notFound() {
        return new ApiException(404, "not_found", "no such resource");
    }
}
