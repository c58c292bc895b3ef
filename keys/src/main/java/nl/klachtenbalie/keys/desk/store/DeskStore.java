package nl.klachtenbalie.keys.desk.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.klachtenbalie.crypto.age.AgeDecrypter;
import nl.klachtenbalie.crypto.age.AgeEncrypter;
import nl.klachtenbalie.crypto.age.AgeException;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.keys.desk.DeskException;

/**
 * The desk's directory. Nothing in it is readable without a team member's key:
 *
 * <pre>
 * blobs/&lt;eventId&gt;.age   every event's age file, byte for byte as received or written
 * index.age              the {@link DeskIndex}, age-encrypted to the team's recipients
 * case-book.age          the sealed case-book snapshot (a cache of the replayed index; protocol §10)
 * &lt;name&gt;.age             other team documents (the referral directory), encrypted likewise
 * desk.lock              held while a desk runs, so two desks never write one directory
 * </pre>
 *
 * <p>Plaintext never touches the disk: documents are encrypted in memory and written as
 * ciphertext to a temporary name, forced, then renamed over the old file.
 */
public final class DeskStore implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX = "index.age";
    private static final String HEX16 = "[0-9a-f]{32}";

    private final Path dir;
    private final Path blobs;
    private final AgeEncrypter encrypter;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DeskStore(Path dir, SecureRandom random, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.blobs = dir.resolve("blobs");
        this.encrypter = new AgeEncrypter(random);
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (creating if needed) the desk directory and takes its lock. */
    public static DeskStore open(Path dir, SecureRandom random) throws IOException {
        Files.createDirectories(dir.resolve("blobs"));
        FileChannel ch = FileChannel.open(dir.resolve("desk.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.tryLock();
        if (lock == null) {
            ch.close();
            throw new DeskException("error.store.locked", dir);
        }
        return new DeskStore(dir, random, ch, lock);
    }

    public Path dir() {
        return dir;
    }

    // --- blobs -------------------------------------------------------------------------------

    public boolean hasBlob(String eventId) {
        return Files.exists(blobPath(eventId));
    }

    /** Writes a blob if it is not there yet (blobs are immutable: same id, same bytes). */
    public void putBlob(String eventId, byte[] blob) throws IOException {
        Path p = blobPath(eventId);
        if (!Files.exists(p)) {
            DurableFiles.writeAtomically(p, blob);
        }
    }

    /**
     * Writes many blobs with one round of forcing instead of one per blob (an import of 10,000
     * reports spent most of its time in fsync): every new blob is written under a temporary name,
     * then all are forced, then renamed to their final names, then the directory is forced. Only
     * after this returns may an index name them; until then a crash leaves only temporaries and
     * orphans, which {@link #wipeOrphans} removes. A file under a final name is always complete.
     */
    public void putBlobs(Map<String, byte[]> batch) throws IOException {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : batch.entrySet()) {
            Path target = blobPath(e.getKey());
            if (!Files.exists(target)) {
                files.put(target, e.getValue());
            }
        }
        DurableFiles.writeAll(files, blobs);
    }

    public byte[] readBlob(String eventId) throws IOException {
        return Files.readAllBytes(blobPath(eventId));
    }

    public void wipeBlob(String eventId) throws IOException {
        SecureDelete.wipe(blobPath(eventId));
    }

    /**
     * Wipes blobs no index entry refers to (left by an import that stopped before its index was
     * written) and temporaries of documents whose write was interrupted.
     */
    public int wipeOrphans(Set<String> referenced) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path f : files) {
                SecureDelete.wipe(f);
                n++;
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(blobs)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String id = name.endsWith(".age") ? name.substring(0, name.length() - 4) : name;
                if (!referenced.contains(id)) {
                    SecureDelete.wipe(f);
                    n++;
                }
            }
        }
        return n;
    }

    private Path blobPath(String eventId) {
        // Event ids come from the untrusted export: only 32 hex characters ever become a file name.
        if (!eventId.matches(HEX16)) {
            throw new IllegalArgumentException("event id");
        }
        return blobs.resolve(eventId + ".age");
    }

    // --- encrypted documents -----------------------------------------------------------------

    /** Reads and decrypts {@code name}.age, or empty if it does not exist yet. */
    public Optional<byte[]> readDocument(String name, List<? extends Identity> identities) throws IOException {
        Path p = dir.resolve(checkName(name));
        if (!Files.exists(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AgeDecrypter().decrypt(Files.readAllBytes(p), identities));
        } catch (AgeException e) {
            throw new DeskException(e.kind() == AgeException.Kind.NO_MATCH ? "error.store.notForYou" : "error.store.damaged", name);
        }
    }

    /** Encrypts {@code plaintext} to the team in memory and replaces {@code name}.age; wipes the plaintext array. */
    public void writeDocument(String name, byte[] plaintext, List<? extends Recipient> team) throws IOException {
        byte[] ciphertext;
        try {
            ciphertext = encrypter.encrypt(plaintext, team);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        DurableFiles.writeAtomically(dir.resolve(checkName(name)), ciphertext);
    }

    private static String checkName(String name) {
        if (!name.matches("[a-z-]{1,32}\\.age")) {
            throw new IllegalArgumentException("document name");
        }
        return name;
    }

    // --- the index ---------------------------------------------------------------------------

    public DeskIndex readIndex(List<? extends Identity> identities) throws IOException {
        Optional<byte[]> bytes = readDocument(INDEX, identities);
        DeskIndex index = new DeskIndex();
        if (bytes.isEmpty()) {
            return index;
        }
        JsonNode root = JSON.readTree(bytes.get());
        Arrays.fill(bytes.get(), (byte) 0);
        if (!DeskIndex.FORMAT.equals(root.path("format").asText())) {
            throw new DeskException("error.store.damaged", INDEX);
        }
        for (JsonNode e : root.path("entries")) {
            index.put(new IndexEntry(e.path("eventId").asText(), e.path("type").asText(), nullable(e, "mailbox"),
                    nullable(e, "publicKey"), e.path("seq").asLong(), nullable(e, "kind"), e.path("day").asText(),
                    e.path("local").asBoolean(), e.path("delivered").asBoolean()));
        }
        root.path("forgotten").forEach(n -> index.forgotten.add(n.asText()));
        root.path("unsent").forEach(n -> index.unsent.add(n.asText()));
        root.path("purgeRequested").forEach(n -> index.purgeRequested.add(n.asText()));
        root.path("purgeSent").forEach(n -> index.purgeSent.add(n.asText()));
        root.path("outboxLog").forEach(n -> index.outboxLog.add(n.asText()));
        index.lastThrough = root.path("lastThrough").asLong();
        return index;
    }

    public void writeIndex(DeskIndex index, List<? extends Recipient> team) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", DeskIndex.FORMAT);
        ArrayNode entries = root.putArray("entries");
        for (IndexEntry e : index.entries.values()) {
            ObjectNode o = entries.addObject();
            o.put("eventId", e.eventId());
            o.put("type", e.type());
            o.put("mailbox", e.mailbox());
            o.put("publicKey", e.publicKey());
            o.put("seq", e.seq());
            o.put("kind", e.kind());
            o.put("day", e.day());
            o.put("local", e.local());
            o.put("delivered", e.delivered());
        }
        index.forgotten.forEach(root.putArray("forgotten")::add);
        index.unsent.forEach(root.putArray("unsent")::add);
        index.purgeRequested.forEach(root.putArray("purgeRequested")::add);
        index.purgeSent.forEach(root.putArray("purgeSent")::add);
        index.outboxLog.forEach(root.putArray("outboxLog")::add);
        root.put("lastThrough", index.lastThrough);
        writeDocument(INDEX, JSON.writeValueAsBytes(root), team);
    }

    private static String nullable(JsonNode e, String field) {
        JsonNode n = e.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** A random 16-byte event id in hex, for events this desk writes. */
    public static String newEventId(SecureRandom random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() throws IOException {
        if (lockChannel.isOpen()) {
            lock.release();
            lockChannel.close();
        }
    }
}
