package nl.klachtenbalie.keys.desk.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private static final int FORCE_THREADS = 32;

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
            writeAtomically(p, blob);
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
        List<Path> written = new ArrayList<>();
        List<Path> targets = new ArrayList<>();
        try {
            for (Map.Entry<String, byte[]> e : batch.entrySet()) {
                Path target = blobPath(e.getKey());
                if (Files.exists(target)) {
                    continue;
                }
                Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
                Files.write(tmp, e.getValue());
                written.add(tmp);
                targets.add(target);
            }
            forceAll(written);
            for (int i = 0; i < written.size(); i++) {
                move(written.get(i), targets.get(i));
            }
        } finally {
            for (Path tmp : written) {
                Files.deleteIfExists(tmp);
            }
        }
        forceDirectory(blobs);
    }

    /**
     * Forces every file to disk. Several at a time: a journaling file system commits the waiting
     * forces together (one journal commit for many files), where one after the other would pay a
     * commit each. The threads only wait for the disk, so more of them than cores is fine.
     */
    private static void forceAll(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(FORCE_THREADS, files.size()));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Path f : files) {
                done.add(pool.submit(() -> {
                    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while forcing blobs");
        } finally {
            pool.shutdownNow();
        }
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
        writeAtomically(dir.resolve(checkName(name)), ciphertext);
    }

    private static String checkName(String name) {
        if (!name.matches("[a-z-]{1,32}\\.age")) {
            throw new IllegalArgumentException("document name");
        }
        return name;
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING); OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
            out.write(bytes);
            out.flush();
            ch.force(true);
        }
        move(tmp, target);
        forceDirectory(target.getParent());
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes renames in {@code directory} durable. Not every platform can open a directory; there the rename stands as is. */
    private static void forceDirectory(Path directory) {
        try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException notSupported) {
            // Windows cannot open a directory as a channel; its renames are journaled by NTFS.
        }
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
