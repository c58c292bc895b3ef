package nl.klachtenbalie.server.http;

import java.util.List;

/** JSON bodies and files of the team API (docs/api.md); unknown fields are refused. */
final class TeamRequests {

    private TeamRequests() {
    }

    record Login(String name, String password, String totp) {
    }

    record Confirm(Long through) {
    }

    record OutboxFile(String payload, String signature, String signingKey) {
    }

    record OutboxPayload(String format, String deployment, List<Reply> replies, List<Internal> internal,
            List<String> purge) {
    }

    record Reply(String mailbox, String eventId, String blob) {
    }

    record Internal(String eventId, String blob) {
    }
}
