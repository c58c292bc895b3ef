package nl.klachtenbalie.keys.desk.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a case-book snapshot was built from, as one hash: every index entry in arrival order with
 * every field (a delivered flag or a server seq changes the book too), the purges requested, the
 * team bundle version the signatures were judged under, and the schema of the stored case state.
 * A snapshot is used only if its cover equals the cover of the index being opened; anything else
 * (an event more or less, another order, another bundle) means replaying the events.
 *
 * @param events the number of index entries, for people reading the snapshot
 * @param digest SHA-256 hex over a length-prefixed encoding of all of the above
 */
public record IndexCover(int events, String digest) {

    public static IndexCover of(DeskIndex index, long bundleVersion, String schema) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        put(md, "klachtenbalie-desk-cover/v1");
        put(md, schema);
        put(md, Long.toString(bundleVersion));
        put(md, Integer.toString(index.entries.size()));
        for (IndexEntry e : index.entries.values()) {
            put(md, e.eventId());
            put(md, e.type());
            put(md, e.mailbox());
            put(md, e.publicKey());
            put(md, Long.toString(e.seq()));
            put(md, e.kind());
            put(md, e.day());
            put(md, e.local() ? "1" : "0");
            put(md, e.delivered() ? "1" : "0");
        }
        put(md, Integer.toString(index.purgeRequested.size()));
        index.purgeRequested.forEach(m -> put(md, m));
        return new IndexCover(index.entries.size(), HexFormat.of().formatHex(md.digest()));
    }

    /** Null and "" must differ, and no two field sequences may run together: a length, or -1. */
    private static void put(MessageDigest md, String s) {
        if (s == null) {
            md.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update(ByteBuffer.allocate(4).putInt(b.length).array());
        md.update(b);
    }
}
