package nl.klachtenbalie.server.http;

import java.util.List;

/** The JSON bodies of the reporter API, exactly as docs/api.md lists them; unknown fields are refused. */
final class ReporterRequests {

    private ReporterRequests() {
    }

    record Create(String mailbox, String publicKey, String nonce, String pow, String clientEventId, String report,
            List<String> attachments) {
    }

    record Append(String mailbox, String nonce, String clientEventId, String message) {
    }

    record Events(String mailbox, String nonce, Long after) {
    }

    record Delete(String mailbox, String nonce) {
    }
}
