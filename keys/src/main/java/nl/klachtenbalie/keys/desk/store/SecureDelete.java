package nl.klachtenbalie.keys.desk.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Overwrite-then-delete. On a plain hard disk this removes the data; on SSDs, copy-on-write and
 * journaling file systems the old blocks may survive, which is why the case-team guide asks for
 * full-disk encryption as well. Best effort by nature, and named so nobody mistakes it for more.
 */
public final class SecureDelete {

    private SecureDelete() {
    }

    /** Overwrites the file with zeros, forces it to disk, then deletes it. Missing files are fine. */
    public static void wipe(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long size = ch.size();
            ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
            long written = 0;
            while (written < size) {
                zeros.clear();
                zeros.limit((int) Math.min(zeros.capacity(), size - written));
                written += ch.write(zeros, written);
            }
            ch.force(true);
        } catch (NoSuchFileException e) {
            return;
        }
        Files.deleteIfExists(file);
    }
}
