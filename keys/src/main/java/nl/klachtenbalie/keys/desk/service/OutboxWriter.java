package nl.klachtenbalie.keys.desk.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import nl.klachtenbalie.crypto.encoding.StrictBase64;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;
import nl.klachtenbalie.keys.desk.DeskException;

/**
 * Writes a {@code klachtenbalie-outbox/v1} file (docs/api.md on the server branch, "Outbox
 * file"): the payload bytes, their Ed25519 signature in the {@code outbox} context, and the
 * signing key, which the server checks against the active members of its current bundle. The
 * signature covers the exact payload bytes, as for bundles, so the server needs no canonical JSON.
 */
public final class OutboxWriter {

    public static final String FORMAT = "klachtenbalie-outbox/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One blob to upload. {@code mailbox} is null for internal events, which travel without one. */
    public record Item(String mailbox, String eventId, byte[] blob) {
    }

    /** The file written and what it holds. */
    public record Written(Path file, int replies, int internal, int purge) {
    }

    private final String deploymentId;
    private final Ed25519PrivateKey signingKey;

    public OutboxWriter(String deploymentId, Ed25519PrivateKey signingKey) {
        this.deploymentId = deploymentId;
        this.signingKey = signingKey;
    }

    public Written write(Path directory, LocalDate day, List<Item> replies, List<Item> internal, List<String> purge)
            throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new DeskException("error.outbox.directory", directory);
        }
        ObjectNode p = JSON.createObjectNode();
        p.put("format", FORMAT);
        p.put("deployment", deploymentId);
        ArrayNode r = p.putArray("replies");
        for (Item i : replies) {
            r.addObject().put("mailbox", i.mailbox()).put("eventId", i.eventId()).put("blob", StrictBase64.encodePadded(i.blob()));
        }
        ArrayNode in = p.putArray("internal");
        for (Item i : internal) {
            in.addObject().put("eventId", i.eventId()).put("blob", StrictBase64.encodePadded(i.blob()));
        }
        ArrayNode pu = p.putArray("purge");
        purge.forEach(pu::add);
        byte[] payload = JSON.writeValueAsBytes(p);
        byte[] signature = signingKey.sign(SignatureContext.OUTBOX, deploymentId, payload);
        ObjectNode file = JSON.createObjectNode();
        file.put("payload", StrictBase64.encodePadded(payload));
        file.put("signature", StrictBase64.encodePadded(signature));
        file.put("signingKey", signingKey.publicKey().hex());
        byte[] bytes = JSON.writeValueAsBytes(file);
        Path target = null;
        for (int n = 1; n < 1000; n++) {
            Path candidate = directory.resolve("klachtenbalie-outbox-" + day + (n == 1 ? "" : "-" + n) + ".json");
            try {
                Files.write(candidate, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                target = candidate;
                break;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // try the next name: never overwrite an outbox that may not have been uploaded yet
            }
        }
        if (target == null) {
            throw new DeskException("error.outbox.directory", directory);
        }
        return new Written(target, replies.size(), internal.size(), purge.size());
    }
}
