package nl.klachtenbalie.keys.desk.exportfile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import nl.klachtenbalie.crypto.encoding.StrictBase64;
import nl.klachtenbalie.keys.desk.DeskException;

/**
 * Reads an export file strictly and completely before anything is imported: one malformed record
 * refuses the whole file with a message naming the record, so nothing is ever half-imported. The
 * file comes from the untrusted server via a USB stick: sizes are capped, unknown fields refused,
 * duplicate keys refused, base64 must be canonical.
 */
public final class ExportReader {

    /** Export files hold at most 256 MiB of blobs (server default); base64 and metadata add a third. */
    public static final long MAX_FILE_BYTES = 512L * 1024 * 1024;
    /** The largest padding bucket (8 MiB) plus age's per-chunk tags and a 16 KiB header, rounded up. */
    public static final int MAX_BLOB_BYTES = 9 * 1024 * 1024;
    static final int MAX_RECORDS = 2_000_000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final String HEX16 = "[0-9a-f]{32}";
    private static final String HEX32 = "[0-9a-f]{64}";
    private static final Set<String> KINDS = Set.of(ExportRecord.REPORT, ExportRecord.ATTACHMENT,
            ExportRecord.MESSAGE, ExportRecord.REPLY);

    private ExportReader() {
    }

    /**
     * @param expectedDeployment the desk's pinned deployment id; another deployment's export is refused
     * @param progress called with the number of bytes read so far
     */
    public static ExportFile read(InputStream raw, String expectedDeployment, LongConsumer progress) throws IOException {
        CountingStream in = new CountingStream(raw, progress);
        try (JsonParser p = FACTORY.createParser(in)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, -1, "not a JSON object");
            Map<String, Object> top = new HashMap<>();
            List<ExportRecord> records = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "format", "deployment" -> top.put(name, string(p, t, -1, name));
                    case "after", "through" -> top.put(name, integer(p, t, -1, name));
                    case "more" -> {
                        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                            throw malformed(-1, "more");
                        }
                        top.put(name, t == JsonToken.VALUE_TRUE);
                    }
                    case "records" -> records = records(p, t);
                    default -> throw malformed(-1, "unknown field");
                }
            }
            if (p.nextToken() != null) {
                throw malformed(-1, "data after the end");
            }
            if (!ExportFile.FORMAT.equals(top.get("format"))) {
                throw new DeskException("error.export.format");
            }
            if (!expectedDeployment.equals(top.get("deployment"))) {
                throw new DeskException("error.export.deployment");
            }
            if (records == null || !top.containsKey("after") || !top.containsKey("through") || !top.containsKey("more")) {
                throw malformed(-1, "missing field");
            }
            return new ExportFile((String) top.get("deployment"), (Long) top.get("after"), (Long) top.get("through"),
                    (Boolean) top.get("more"), records);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new DeskException("error.export.json");
        }
    }

    private static List<ExportRecord> records(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.START_ARRAY, -1, "records");
        List<ExportRecord> out = new ArrayList<>();
        long lastXseq = 0;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (out.size() >= MAX_RECORDS) {
                throw malformed(-1, "too many records");
            }
            ExportRecord r = record(p, t, out.size() + 1);
            if (r.xseq() <= lastXseq) {
                throw malformed(r.xseq(), "records out of order");
            }
            lastXseq = r.xseq();
            out.add(r);
        }
        return out;
    }

    private static ExportRecord record(JsonParser p, JsonToken t, int index) throws IOException {
        expect(t, JsonToken.START_OBJECT, index, "record");
        Map<String, Object> f = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "xseq", "seq" -> f.put(name, integer(p, v, index, name));
                case "type", "mailbox", "publicKey", "kind", "eventId", "day", "reason" -> f.put(name, string(p, v, index, name));
                case "blob" -> f.put(name, blob(p, v, index));
                default -> throw malformed(index, "unknown field");
            }
        }
        Object type = f.get("type");
        ExportRecord.Type rt;
        Set<String> allowed;
        if ("event".equals(type)) {
            rt = ExportRecord.Type.EVENT;
            allowed = Set.of("xseq", "type", "mailbox", "publicKey", "seq", "kind", "eventId", "day", "blob");
        } else if ("internal".equals(type)) {
            rt = ExportRecord.Type.INTERNAL;
            allowed = Set.of("xseq", "type", "eventId", "day", "blob");
        } else if ("tombstone".equals(type)) {
            rt = ExportRecord.Type.TOMBSTONE;
            allowed = Set.of("xseq", "type", "mailbox", "reason", "day");
        } else {
            throw malformed(index, "unknown record type");
        }
        if (!f.keySet().equals(new HashSet<>(allowed))) {
            throw malformed(index, "fields do not match the record type");
        }
        long xseq = (Long) f.get("xseq");
        if (xseq < 1) {
            throw malformed(index, "xseq");
        }
        String mailbox = (String) f.get("mailbox");
        if (mailbox != null && !mailbox.matches(HEX16)) {
            throw malformed(xseq, "mailbox");
        }
        String publicKey = (String) f.get("publicKey");
        if (publicKey != null && !publicKey.matches(HEX32)) {
            throw malformed(xseq, "publicKey");
        }
        String eventId = (String) f.get("eventId");
        if (eventId != null && !eventId.matches(HEX16)) {
            throw malformed(xseq, "eventId");
        }
        String kind = (String) f.get("kind");
        if (kind != null && !KINDS.contains(kind)) {
            throw malformed(xseq, "kind");
        }
        String reason = (String) f.get("reason");
        if (reason != null && !reason.equals("forget") && !reason.equals("expired")) {
            throw malformed(xseq, "reason");
        }
        long seq = f.containsKey("seq") ? (Long) f.get("seq") : 0;
        if (rt == ExportRecord.Type.EVENT && seq < 1) {
            throw malformed(xseq, "seq");
        }
        LocalDate day;
        try {
            String d = (String) f.get("day");
            if (!d.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                throw malformed(xseq, "day");
            }
            day = LocalDate.parse(d);
        } catch (DateTimeParseException e) {
            throw malformed(xseq, "day");
        }
        return new ExportRecord(xseq, rt, mailbox, publicKey, seq, kind, eventId, day, (byte[]) f.get("blob"), reason);
    }

    private static byte[] blob(JsonParser p, JsonToken t, long index) throws IOException {
        expect(t, JsonToken.VALUE_STRING, index, "blob");
        if (p.getTextLength() > (MAX_BLOB_BYTES / 3 + 1) * 4) {
            throw malformed(index, "blob too large");
        }
        try {
            byte[] b = StrictBase64.decodePadded(p.getText());
            if (b.length == 0) {
                throw malformed(index, "empty blob");
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw malformed(index, "blob is not canonical base64");
        }
    }

    private static String string(JsonParser p, JsonToken t, long index, String field) throws IOException {
        expect(t, JsonToken.VALUE_STRING, index, field);
        if (p.getTextLength() > 256) {
            throw malformed(index, field);
        }
        return p.getText();
    }

    private static long integer(JsonParser p, JsonToken t, long index, String field) throws IOException {
        expect(t, JsonToken.VALUE_NUMBER_INT, index, field);
        if (p.getNumberType() != JsonParser.NumberType.INT && p.getNumberType() != JsonParser.NumberType.LONG) {
            throw malformed(index, field);
        }
        long v = p.getLongValue();
        if (v < 0 || v > (1L << 53) - 1) {
            throw malformed(index, field);
        }
        return v;
    }

    private static void expect(JsonToken actual, JsonToken expected, long index, String what) {
        if (actual != expected) {
            throw malformed(index, what);
        }
    }

    /** {@code where} is the record's xseq, or its position while xseq is not yet known; -1 for the file. */
    private static DeskException malformed(long where, String what) {
        return new DeskException("error.export.malformed", where, what);
    }

    /** Counts bytes for the progress bar and enforces the file size cap while reading. */
    private static final class CountingStream extends FilterInputStream {
        private final LongConsumer progress;
        private long count;

        CountingStream(InputStream in, LongConsumer progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) {
            count += n;
            if (count > MAX_FILE_BYTES) {
                throw new DeskException("error.export.tooLarge");
            }
            progress.accept(count);
        }
    }
}
