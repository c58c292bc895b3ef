package nl.klachtenbalie.server.http;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;

/** The JSON bodies of the reporter API, exactly as docs/api.md lists them; unknown fields are refused. */
final class ReporterRequests {

    private ReporterRequests() {
    }

    /** {@code attachments} may be omitted or empty, but not null: one spelling for "no photos". */
    record Create(String mailbox, String publicKey, String nonce, String pow, String clientEventId, String report,
            @JsonSetter(nulls = Nulls.FAIL) List<String> attachments) {
    }

    record Append(String mailbox, String nonce, String clientEventId, String message) {
    }

    record Events(String mailbox, String nonce, Long after) {
    }

    record Delete(String mailbox, String nonce) {
    }
}
