package nl.klachtenbalie.crypto.bundle;

import java.time.LocalDate;
import java.util.Objects;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;

/**
 * A case-team member (or desk) as listed in a team bundle: the age recipient reports are encrypted
 * to, the Ed25519 key its replies are signed with, and its status since a date.
 *
 * @param id a short stable identifier: 1–64 characters of {@code [A-Za-z0-9._-]}
 */
public record Member(String id, String recipient, Ed25519PublicKey signingKey, MemberStatus status, LocalDate since) {

    public Member {
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(since, "since");
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("member id must be 1..64 characters of [A-Za-z0-9._-]");
        }
        if (since.getYear() < 1 || since.getYear() > 9999) {
            throw new IllegalArgumentException("date out of range");
        }
        if (!AgeRecipients.isRecipient(recipient)) {
            throw new IllegalArgumentException("member recipient is not a canonical age1… or age1pq1… recipient");
        }
    }
}
