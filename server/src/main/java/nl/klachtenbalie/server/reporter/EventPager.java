package nl.klachtenbalie.server.reporter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import nl.klachtenbalie.server.db.EventRow;

/**
 * Writes an events response of exactly {@link #pageBytes()} bytes, whatever it holds: "nothing new"
 * and "three replies" are the same size on the wire. Events that do not fit wait for the next page
 * ({@code "more": true}); the page size is chosen so the largest reporter-visible event always fits.
 *
 * <p>Shape: {@code {"events":[{"seq":1,"kind":"report","day":"2026-01-31","blob":"…"}],"more":false,
 * "nextNonce":"…","pad":"000…"}}. The next nonce has a fixed length, so it does not change the size.
 */
public final class EventPager {

    private static final String TAIL_START = "],\"more\":";
    private static final String NONCE_START = ",\"nextNonce\":\"";
    private static final String PAD_START = "\",\"pad\":\"";
    private static final String END = "\"}";
    /** Generous bound for everything in an item besides the base64 blob. */
    private static final int ITEM_OVERHEAD = 128;
    private static final int ENVELOPE = 64;
    /** A nonce of {@link ChallengeService#LENGTH} bytes in unpadded base64url. */
    private static final int NONCE_CHARS = (ChallengeService.LENGTH * 4 + 2) / 3;

    private final int pageBytes;

    /** @param maxVisibleBlobBytes the largest blob a reporter can be shown, in bytes before base64 */
    public EventPager(long maxVisibleBlobBytes) {
        long b64 = (maxVisibleBlobBytes + 2) / 3 * 4;
        long needed = b64 + ITEM_OVERHEAD + ENVELOPE;
        this.pageBytes = (int) ((needed + 4095) / 4096 * 4096);
    }

    public int pageBytes() {
        return pageBytes;
    }

    /**
     * A page of {@code rows} (in seq order); {@code moreInStore} says rows were left out by the query
     * limit; {@code nextNonce} is a fresh challenge for this mailbox's next request (docs/api.md).
     */
    public byte[] page(List<EventRow> rows, boolean moreInStore, String nextNonce) {
        if (nextNonce.length() != NONCE_CHARS) {
            throw new IllegalArgumentException("a nonce has " + NONCE_CHARS + " characters");
        }
        StringBuilder sb = new StringBuilder(pageBytes);
        sb.append("{\"events\":[");
        int budget = pageBytes - ENVELOPE - NONCE_START.length() - NONCE_CHARS;
        boolean more = moreInStore;
        boolean first = true;
        for (EventRow row : rows) {
            String item = item(row);
            if (sb.length() + item.length() + 1 > budget) {
                more = true;
                break;
            }
            if (!first) {
                sb.append(',');
            }
            sb.append(item);
            first = false;
        }
        sb.append(TAIL_START).append(more).append(NONCE_START).append(nextNonce).append(PAD_START);
        int pad = pageBytes - sb.length() - END.length();
        sb.append("0".repeat(pad)).append(END);
        byte[] out = sb.toString().getBytes(StandardCharsets.US_ASCII);
        if (out.length != pageBytes) {
            throw new IllegalStateException("events page has the wrong size");
        }
        return out;
    }

    private static String item(EventRow row) {
        String blob = row.blob() == null ? "null" : "\"" + Base64.getEncoder().encodeToString(row.blob()) + "\"";
        return "{\"seq\":" + row.seq() + ",\"kind\":\"" + row.kind() + "\",\"day\":\"" + row.day() + "\",\"blob\":" + blob + "}";
    }
}
