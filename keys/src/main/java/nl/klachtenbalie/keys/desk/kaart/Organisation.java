package nl.klachtenbalie.keys.desk.kaart;

import java.util.List;

/**
 * One entry of the referral directory (sociale kaart).
 *
 * @param regions gemeenten or regions it serves; "national" for the whole country
 * @param topics topic codes of the report form (§7.4) it helps with
 * @param contact how a reporter reaches it, as the team has verified it
 */
public record Organisation(String id, String name, List<String> regions, List<String> topics, List<String> languages,
                           String description, String contact) {

    public Organisation {
        regions = List.copyOf(regions);
        topics = List.copyOf(topics);
        languages = List.copyOf(languages);
    }

    /** The text inserted into a referral reply. */
    public String referralText() {
        StringBuilder sb = new StringBuilder(name);
        if (!description.isBlank()) {
            sb.append(" — ").append(description);
        }
        if (!contact.isBlank()) {
            sb.append("\n").append(contact);
        }
        return sb.toString();
    }
}
