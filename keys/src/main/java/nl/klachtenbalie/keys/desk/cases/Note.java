package nl.klachtenbalie.keys.desk.cases;

/** An internal note: team-only, signed by a member, never sent to the reporter. */
public record Note(String signer, String day, String text) {
}
