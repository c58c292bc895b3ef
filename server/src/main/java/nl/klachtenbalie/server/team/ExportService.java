package nl.klachtenbalie.server.team;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HexFormat;
import java.util.List;
import nl.klachtenbalie.server.db.AccountDao;
import nl.klachtenbalie.server.db.ExportDao;
import nl.klachtenbalie.server.db.ExportRecord;
import nl.klachtenbalie.server.db.ExportSize;
import nl.klachtenbalie.server.error.ApiException;
import org.jdbi.v3.core.Jdbi;

/**
 * Export bundles for the desk: every event, team-only blob and tombstone after an account's cursor,
 * in export order, as one JSON document ({@code klachtenbalie-export/v1}, see docs/api.md). The
 * document is streamed in small batches so memory stays bounded whatever the size; one export is
 * capped at {@code maxBytes} of blobs and says {@code "more": true} when it stopped early.
 */
public final class ExportService {

    public static final String FORMAT = "klachtenbalie-export/v1";
    private static final int BATCH = 8;

    /** The range an export covers: records with {@code after < xseq <= through}. */
    public record Range(long after, long through, boolean more) {
    }

    private final Jdbi jdbi;
    private final String deploymentId;
    private final long maxBytes;
    private final JsonFactory factory = new JsonFactory();
    private final HexFormat hex = HexFormat.of();

    public ExportService(Jdbi jdbi, String deploymentId, long maxBytes) {
        this.jdbi = jdbi;
        this.deploymentId = deploymentId;
        this.maxBytes = maxBytes;
    }

    /** What the next export for {@code account} will contain. */
    public Range plan(String account) {
        return jdbi.withHandle(h -> {
            long after = new AccountDao(h).find(account).orElseThrow().exportCursor();
            ExportDao dao = new ExportDao(h);
            long head = dao.currentXseq();
            List<ExportSize> sizes = dao.sizes(after, head);
            long total = 0;
            long through = after;
            for (ExportSize s : sizes) {
                if (total + s.bytes() > maxBytes && through > after) {
                    return new Range(after, through, true);
                }
                total += s.bytes();
                through = s.xseq();
            }
            return new Range(after, head, false);
        });
    }

    /** Streams the export document for {@code range} to {@code out}. */
    public void write(Range range, OutputStream out) throws IOException {
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("deployment", deploymentId);
            g.writeNumberField("after", range.after());
            g.writeNumberField("through", range.through());
            g.writeBooleanField("more", range.more());
            g.writeArrayFieldStart("records");
            long after = range.after();
            while (true) {
                long from = after;
                List<ExportRecord> batch = jdbi.withHandle(h -> new ExportDao(h).records(from, range.through(), BATCH));
                for (ExportRecord r : batch) {
                    writeRecord(g, r);
                    after = r.xseq();
                }
                g.flush();
                if (batch.size() < BATCH) {
                    break;
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** Advances the account's cursor to {@code through} (never backwards, never past what exists). */
    public long confirm(String account, long through) {
        return jdbi.inTransaction(h -> {
            if (through < 0 || through > new ExportDao(h).currentXseq()) {
                throw ApiException.badRequest("bad_through", "field 'through' must be the value an export returned");
            }
            AccountDao accounts = new AccountDao(h);
            accounts.advanceCursor(account, through);
            return accounts.find(account).orElseThrow().exportCursor();
        });
    }

    private void writeRecord(JsonGenerator g, ExportRecord r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("xseq", r.xseq());
        g.writeStringField("type", r.type());
        switch (r.type()) {
            case "event" -> {
                g.writeStringField("mailbox", hex.formatHex(r.mailboxId()));
                g.writeStringField("publicKey", hex.formatHex(r.publicKey()));
                g.writeNumberField("seq", r.seq());
                g.writeStringField("kind", r.kind());
                g.writeStringField("eventId", hex.formatHex(r.eventId()));
                g.writeStringField("day", r.day());
                g.writeFieldName("blob");
                g.writeBinary(r.blob());
            }
            case "internal" -> {
                g.writeStringField("eventId", hex.formatHex(r.eventId()));
                g.writeStringField("day", r.day());
                g.writeFieldName("blob");
                g.writeBinary(r.blob());
            }
            default -> {
                g.writeStringField("mailbox", hex.formatHex(r.mailboxId()));
                g.writeStringField("reason", r.reason());
                g.writeStringField("day", r.day());
            }
        }
        g.writeEndObject();
    }
}
