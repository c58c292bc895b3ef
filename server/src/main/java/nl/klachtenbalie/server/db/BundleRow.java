package nl.klachtenbalie.server.db;

/** The stored team bundle file, byte for byte as signed. */
public record BundleRow(long version, byte[] file) {
}
