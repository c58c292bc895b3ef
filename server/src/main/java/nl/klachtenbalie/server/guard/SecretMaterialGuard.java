package nl.klachtenbalie.server.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses secret key material. The server must never hold a key that decrypts or signs anything, so
 * it checks its configuration and every team bundle it is handed, including base64-wrapped content,
 * for the spellings secret keys have: age identities, PEM private keys, and JSON fields that name a
 * private key or seed.
 */
public final class SecretMaterialGuard {

    private static final List<String> MARKERS = List.of("age-secret-key-", "age-plugin-", "private key-----",
            "\"seed\"", "\"privatekey\"", "\"secretkey\"", "\"signingseed\"", "\"identity\"", "\"secret\"");
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/]{40,}={0,2}");

    private SecretMaterialGuard() {
    }

    /** The reason {@code bytes} look like secret key material, or null if they do not. */
    public static String findSecret(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String hit = scan(text);
        if (hit != null) {
            return hit;
        }
        Matcher m = BASE64_RUN.matcher(text);
        while (m.find()) {
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(m.group());
            } catch (IllegalArgumentException e) {
                continue;
            }
            hit = scan(new String(decoded, StandardCharsets.ISO_8859_1));
            if (hit != null) {
                return hit + " (inside base64)";
            }
        }
        return null;
    }

    /** Throws if {@code file} contains secret key material. */
    public static void checkFile(Path file, String role) throws IOException {
        String hit = findSecret(Files.readAllBytes(file));
        if (hit != null) {
            throw new IllegalStateException("refusing to start: the " + role + " " + file + " contains secret key material ("
                    + hit + "). The server must only ever hold public keys; keep private keys on the desk.");
        }
    }

    private static String scan(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String marker : MARKERS) {
            if (lower.contains(marker)) {
                return "found " + marker.replace("\"", "'");
            }
        }
        return null;
    }
}
