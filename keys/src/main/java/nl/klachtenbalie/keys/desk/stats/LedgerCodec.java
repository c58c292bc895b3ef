package nl.klachtenbalie.keys.desk.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The ledger document ({@code stats-ledger.age} in the desk store, encrypted to the team like the
 * index): its id key and every release. Case ids are packed 8-byte values, base64 per cell.
 */
final class LedgerCodec {

    static final String FORMAT = "klachtenbalie-stats-ledger/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Stored(byte[] key, Ledger ledger) {
    }

    private LedgerCodec() {
    }

    static byte[] write(byte[] key, Ledger ledger) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("key", HexFormat.of().formatHex(key));
        ArrayNode rels = root.putArray("releases");
        for (LedgerRelease r : ledger.releases()) {
            ObjectNode o = rels.addObject();
            o.put("number", r.number());
            o.put("day", r.day());
            o.put("type", r.spec().type().name());
            o.put("period", r.spec().period().toString());
            o.put("area", r.spec().area());
            o.put("areaShown", r.areaShown());
            o.put("threshold", r.threshold());
            r.notes().forEach(o.putArray("notes")::add);
            ArrayNode tables = o.putArray("tables");
            for (Table t : r.tables()) {
                ObjectNode tn = tables.addObject();
                tn.put("id", t.id());
                tn.put("rowDim", t.rowDim());
                t.rows().forEach(tn.putArray("rows")::add);
                tn.put("colDim", t.colDim());
                t.cols().forEach(tn.putArray("cols")::add);
                ArrayNode values = tn.putArray("values");
                ArrayNode ids = tn.putArray("ids");
                for (int i = 0; i <= t.r(); i++) {
                    ArrayNode vr = values.addArray();
                    ArrayNode ir = ids.addArray();
                    for (int j = 0; j <= t.c(); j++) {
                        vr.add(t.released(i, j));
                        ir.add(t.suppressed(i, j) ? "" : pack(t.ids(i, j)));
                    }
                }
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    static Stored read(byte[] bytes) throws IOException {
        JsonNode root = JSON.readTree(bytes);
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IOException("not a statistics ledger");
        }
        Ledger ledger = new Ledger();
        for (JsonNode o : root.path("releases")) {
            ReportSpec spec = new ReportSpec(ReportSpec.Type.valueOf(o.path("type").asText()),
                    Period.parse(o.path("period").asText()), o.path("area").asText());
            List<Table> tables = new ArrayList<>();
            for (JsonNode tn : o.path("tables")) {
                List<String> rows = strings(tn.path("rows"));
                List<String> cols = strings(tn.path("cols"));
                int[][] values = new int[rows.size() + 1][cols.size() + 1];
                long[][][] ids = new long[rows.size() + 1][cols.size() + 1][];
                for (int i = 0; i <= rows.size(); i++) {
                    for (int j = 0; j <= cols.size(); j++) {
                        values[i][j] = tn.path("values").path(i).path(j).asInt(-1);
                        ids[i][j] = unpack(tn.path("ids").path(i).path(j).asText(""));
                    }
                }
                tables.add(Table.released(tn.path("id").asText(), tn.path("rowDim").asText(), rows,
                        tn.path("colDim").asText(), cols, values, ids));
            }
            JsonNode shown = o.get("areaShown");
            ledger.add(new LedgerRelease(o.path("number").asInt(), o.path("day").asText(), spec,
                    shown == null || shown.isNull() ? null : shown.asText(), o.path("threshold").asInt(),
                    strings(o.path("notes")), tables));
        }
        return new Stored(HexFormat.of().parseHex(root.path("key").asText()), ledger);
    }

    private static List<String> strings(JsonNode arr) {
        List<String> l = new ArrayList<>();
        arr.forEach(n -> l.add(n.asText()));
        return l;
    }

    private static String pack(long[] ids) {
        ByteBuffer b = ByteBuffer.allocate(ids.length * 8);
        for (long id : ids) {
            b.putLong(id);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static long[] unpack(String s) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s));
        long[] out = new long[b.remaining() / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getLong();
        }
        return out;
    }
}
