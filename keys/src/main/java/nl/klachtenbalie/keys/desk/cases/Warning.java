package nl.klachtenbalie.keys.desk.cases;

import java.util.List;

/**
 * Something the desk refused or found suspicious, shown to the team, never hidden: a key that does
 * not match the pinned one, a report filed under another mailbox, a bad signature, a photo that
 * does not match its hash. {@code key} names the catalog message; {@code args} are ids and numbers.
 *
 * @param eventId the event concerned (its ciphertext stays in the store as evidence)
 */
public record Warning(String eventId, String day, String key, List<Object> args) {

    public Warning {
        args = List.copyOf(args);
    }
}
