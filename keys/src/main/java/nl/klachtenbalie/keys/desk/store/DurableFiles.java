package nl.klachtenbalie.keys.desk.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes that survive a crash at any moment: bytes go to {@code <name>.tmp}, are forced to disk,
 * and only then renamed over the final name, whose directory is forced after. A file under a final
 * name is therefore always complete; a crash leaves at most a temporary, which the store wipes
 * when it next opens.
 */
final class DurableFiles {

    /** Forces run in parallel: they wait for the disk, not the CPU, so more threads than cores is fine. */
    private static final int FORCE_THREADS = 32;

    private DurableFiles() {
    }

    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING); OutputStream out = Channels.newOutputStream(ch)) {
            out.write(bytes);
            out.flush();
            ch.force(true);
        }
        move(tmp, target);
        forceDirectory(target.getParent());
    }

    /**
     * Writes many new files (all in {@code directory}) with one round of forcing instead of one per
     * file — an import of 10,000 reports used to spend most of its time in fsync: all are written
     * under temporary names, then forced together, then renamed, then the directory is forced.
     * Only after this returns may anything refer to them.
     */
    static void writeAll(Map<Path, byte[]> files, Path directory) throws IOException {
        List<Path> written = new ArrayList<>();
        List<Path> targets = new ArrayList<>();
        try {
            for (Map.Entry<Path, byte[]> e : files.entrySet()) {
                Path tmp = e.getKey().resolveSibling(e.getKey().getFileName() + ".tmp");
                Files.write(tmp, e.getValue());
                written.add(tmp);
                targets.add(e.getKey());
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
        forceDirectory(directory);
    }

    /**
     * Forces every file to disk, several at a time: a journaling file system commits the waiting
     * forces together (one journal commit for many files), where one after the other would pay a
     * commit each.
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
            throw new InterruptedIOException("interrupted while forcing files");
        } finally {
            pool.shutdownNow();
        }
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
}
