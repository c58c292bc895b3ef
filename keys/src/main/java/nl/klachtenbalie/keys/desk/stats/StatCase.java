package nl.klachtenbalie.keys.desk.stats;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.YearMonth;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.klachtenbalie.keys.desk.cases.Case;

/**
 * One case as the statistics see it: codes only, never text. {@code id} is a keyed hash of the
 * mailbox (the ledger's own key), so the ledger can tell cases apart across releases without
 * holding mailbox ids. The place is reduced to a listed gemeente and province, or to none.
 *
 * @param month the month the report reached the desk (the period it counts in)
 * @param gemeente a gemeente code of {@link Regions}, or null
 * @param province a province code, or null when the place is unknown, not listed or not given
 * @param countOnly the reporter asked to be counted only: national totals, never a region
 */
public record StatCase(long id, YearMonth month, String kind, String about, String topic, String wants,
                       Outcome outcome, boolean goesWell, String gemeente, String province, boolean countOnly) {

    public static final String NOT_GIVEN = "not_given";

    /** May this case appear in a regional cell? Count-only reports and unlisted places may not. */
    public boolean regional() {
        return province != null && !countOnly;
    }

    public static StatCase of(Case c, Regions regions, byte[] ledgerKey) {
        Map<String, String> f = c.form();
        Regions.Place place = regions.lookup(f.get("place")).orElse(null);
        String wants = f.getOrDefault("wants", NOT_GIVEN);
        return new StatCase(id(ledgerKey, c.mailbox()), YearMonth.from(c.reportDay()), f.getOrDefault("kind", NOT_GIVEN),
                f.getOrDefault("about", NOT_GIVEN), f.getOrDefault("topic", NOT_GIVEN), wants,
                Outcome.of(c.state(), c.labels()), Outcome.goesWell(c.labels()),
                place == null ? null : place.gemeente(), place == null ? null : place.province(),
                "count_only".equals(wants));
    }

    /** The first 8 bytes of HMAC-SHA256(ledgerKey, mailbox). */
    static long id(byte[] ledgerKey, String mailbox) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(ledgerKey, "HmacSHA256"));
            return ByteBuffer.wrap(mac.doFinal(mailbox.getBytes(StandardCharsets.US_ASCII))).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
