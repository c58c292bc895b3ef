package nl.klachtenbalie.keys.desk.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Decides whether a request may reach the desk at all. The desk listens on loopback, but every
 * web page the desk's browser opens, and every process on the machine, can also reach loopback:
 *
 * <ul>
 *   <li>the {@code Host} header must name this desk exactly ({@code 127.0.0.1:PORT} or
 *       {@code localhost:PORT}), which defeats DNS rebinding — a rebound name arrives with its own
 *       host name;
 *   <li>the path must start with the per-launch secret (32 random bytes), which no other page or
 *       process knows. It is in every link instead of a cookie because cookies are not isolated
 *       by port: another server on 127.0.0.1 would receive a cookie set by the desk;
 *   <li>a state-changing request must also carry the secret as a form field and come from the
 *       desk's own origin ({@code Origin} present and equal; {@code Sec-Fetch-Site}, where sent,
 *       {@code same-origin}), which defeats cross-site request forgery even if a URL leaked.
 * </ul>
 */
final class Guard {

    /** Why a request was refused. */
    enum Verdict { OK, BAD_HOST, BAD_SECRET, BAD_ORIGIN }

    private final String secret;
    private final Set<String> hosts;

    Guard(String secret, int port) {
        this.secret = secret;
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
    }

    Verdict check(String method, String host, String path, String origin, String fetchSite) {
        if (host == null || !hosts.contains(host)) {
            return Verdict.BAD_HOST;
        }
        if (!pathHasSecret(path)) {
            return Verdict.BAD_SECRET;
        }
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            if (origin == null || !origin.equals("http://" + host)) {
                return Verdict.BAD_ORIGIN;
            }
            if (fetchSite != null && !fetchSite.equals("same-origin")) {
                return Verdict.BAD_ORIGIN;
            }
        }
        return Verdict.OK;
    }

    /** The form field must carry the secret too. */
    boolean formHasSecret(String value) {
        return value != null && constantTimeEquals(value, secret);
    }

    private boolean pathHasSecret(String path) {
        if (path == null || path.length() < secret.length() + 1 || path.charAt(0) != '/') {
            return false;
        }
        String first = path.substring(1, Math.min(path.length(), secret.length() + 1));
        boolean rest = path.length() == secret.length() + 1 || path.charAt(secret.length() + 1) == '/';
        return constantTimeEquals(first, secret) & rest;
    }

    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
