package nl.klachtenbalie.keys.desk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import nl.klachtenbalie.crypto.bundle.BundleFixtures;

/** Writes export files in the server's klachtenbalie-export/v1 format (docs/api.md on the server branch). */
public final class ExportBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode records;
    private long xseq;

    public ExportBuilder(long after) {
        root.put("format", "klachtenbalie-export/v1");
        root.put("deployment", BundleFixtures.DEPLOYMENT);
        root.put("after", after);
        xseq = after;
        root.put("through", after);
        root.put("more", false);
        records = root.putArray("records");
    }

    /** An event record; the server files it under {@code mailbox} with {@code publicKey}. */
    public ExportBuilder event(String mailbox, String publicKey, SimulatedReporter.Sealed e, LocalDate day) {
        return event(mailbox, publicKey, e.seq(), e.kind(), SimulatedReporter.randomEventId(), e.blob(), day);
    }

    public ExportBuilder event(String mailbox, String publicKey, long seq, String kind, String eventId, byte[] blob,
                               LocalDate day) {
        ObjectNode r = records.addObject();
        r.put("xseq", ++xseq);
        r.put("type", "event");
        r.put("mailbox", mailbox);
        r.put("publicKey", publicKey);
        r.put("seq", seq);
        r.put("kind", kind);
        r.put("eventId", eventId);
        r.put("day", day.toString());
        r.put("blob", Base64.getEncoder().encodeToString(blob));
        return this;
    }

    public ExportBuilder reporter(SimulatedReporter rep, SimulatedReporter.Sealed e, LocalDate day) {
        return event(rep.mailbox(), rep.publicKey(), e, day);
    }

    public ExportBuilder internal(String eventId, byte[] blob, LocalDate day) {
        ObjectNode r = records.addObject();
        r.put("xseq", ++xseq);
        r.put("type", "internal");
        r.put("eventId", eventId);
        r.put("day", day.toString());
        r.put("blob", Base64.getEncoder().encodeToString(blob));
        return this;
    }

    public ExportBuilder tombstone(String mailbox, String reason, LocalDate day) {
        ObjectNode r = records.addObject();
        r.put("xseq", ++xseq);
        r.put("type", "tombstone");
        r.put("mailbox", mailbox);
        r.put("reason", reason);
        r.put("day", day.toString());
        return this;
    }

    public ObjectNode json() {
        root.put("through", xseq);
        return root;
    }

    public Path write(Path file) throws IOException {
        Files.write(file, JSON.writeValueAsBytes(json()));
        return file;
    }
}
