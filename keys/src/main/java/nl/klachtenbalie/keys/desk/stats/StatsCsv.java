package nl.klachtenbalie.keys.desk.stats;

import java.nio.charset.StandardCharsets;

/**
 * A release as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read the
 * accents): one line per cell, totals included, codes beside labels; a hidden cell's count is
 * {@code x}. Written from the ledger's release, so the file is exactly what was audited.
 */
public final class StatsCsv {

    private StatsCsv() {
    }

    public static byte[] write(LedgerRelease r, Labels labels) {
        StringBuilder sb = new StringBuilder("\ufeff");
        line(sb, "release", "period", "area", "threshold", "table", "row_code", "row", "column_code", "column", "count");
        String total = labels.messages().get("stats.total");
        for (Table t : r.tables()) {
            for (int i = 0; i <= t.r(); i++) {
                for (int j = 0; j <= t.c(); j++) {
                    String rc = i == t.r() ? "total" : t.rows().get(i);
                    String cc = j == t.c() ? "total" : t.cols().get(j);
                    line(sb, Integer.toString(r.number()), r.spec().period().toString(), r.areaShown(),
                            Integer.toString(r.threshold()), t.id(), rc,
                            i == t.r() ? total : labels.code(t.rowDim(), rc), cc,
                            j == t.c() ? total : labels.code(t.colDim(), cc),
                            t.suppressed(i, j) ? "x" : Integer.toString(t.count(i, j)));
                }
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder sb, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i] == null ? "" : fields[i];
            // Leading = + - @ would make a spreadsheet evaluate the field; none of our labels starts so.
            sb.append(i == 0 ? "" : ",").append('"').append(f.replace("\"", "\"\"")).append('"');
        }
        sb.append("\r\n");
    }
}
