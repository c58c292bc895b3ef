package nl.klachtenbalie.keys.desk.events;

import java.time.LocalDate;

/**
 * The signed content of a team-internal event (protocol §7.5): case state, a note, an assignment
 * or a label change. Encrypted to the team only and uploaded without a mailbox id, so the server
 * never learns which case it belongs to.
 *
 * @param type {@code state}, {@code note}, {@code assign} or {@code label}
 * @param value for {@code state} a state code; for {@code assign} a member id or empty; for
 *     {@code label} {@code +name} (add) or {@code -name} (remove); for {@code note} the text
 */
public record InternalPayload(String signer, LocalDate day, String mailbox, String type, String value) {

    public static final String STATE = "state";
    public static final String NOTE = "note";
    public static final String ASSIGN = "assign";
    public static final String LABEL = "label";
}
