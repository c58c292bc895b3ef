package nl.klachtenbalie.keys.desk.web;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Opaque per-launch names for cases in URLs. Browser history is written to disk; a mailbox id
 * there would tell a thief which mailboxes the desk holds. A handle means nothing after the desk
 * closes.
 */
final class Handles {

    private final SecureRandom random;
    private final Map<String, String> byMailbox = new HashMap<>();
    private final Map<String, String> byHandle = new HashMap<>();

    Handles(SecureRandom random) {
        this.random = random;
    }

    synchronized String of(String mailbox) {
        return byMailbox.computeIfAbsent(mailbox, m -> {
            byte[] b = new byte[12];
            random.nextBytes(b);
            String h = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            byHandle.put(h, m);
            return h;
        });
    }

    synchronized Optional<String> mailbox(String handle) {
        return Optional.ofNullable(byHandle.get(handle));
    }
}
