package nl.klachtenbalie.server.db;

/** One reporter-visible event; {@code blob} is null for attachments, whose bytes only the team gets. */
public record EventRow(long seq, String kind, String day, byte[] blob) {
}
