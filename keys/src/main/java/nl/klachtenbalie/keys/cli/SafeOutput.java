package nl.klachtenbalie.keys.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Output that appears only when complete: written to a temporary file next to the target and
 * renamed over it on {@link #commit()}; {@link #abort()} removes it. A failed decryption thus
 * never leaves half a plaintext under the name the user asked for. Files are created owner-only
 * (0600) because what we write is either secret or decrypted.
 */
final class SafeOutput implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final OutputStream stream;
    private boolean committed;

    private SafeOutput(Path target, Path temp, OutputStream stream) {
        this.target = target;
        this.temp = temp;
        this.stream = stream;
    }

    /** Output to {@code target} through a temporary file in the same directory. */
    static SafeOutput toFile(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (!Files.isDirectory(absolute.getParent())) {
            throw new CliException("no such directory: " + absolute.getParent());
        }
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return new SafeOutput(absolute, temp, Files.newOutputStream(temp));
    }

    /** Output to a stream that cannot be taken back, such as stdout; closing leaves it open. */
    static SafeOutput toStream(OutputStream out) {
        return new SafeOutput(null, null, new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        });
    }

    /**
     * Creates {@code path} owner-only and fails if it exists, so a key is never written over
     * another key or through a pre-planted file.
     */
    static OutputStream createNewOwnerOnly(Path path) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new CliException("refusing to overwrite existing file " + path);
        }
        return Files.newOutputStream(path);
    }

    OutputStream stream() {
        return stream;
    }

    /** Makes the output visible under its name. Call after the stream was closed successfully. */
    void commit() throws IOException {
        stream.close();
        if (temp != null) {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        committed = true;
    }

    /** Discards the output unless it was committed. */
    @Override
    public void close() throws IOException {
        if (committed) {
            return;
        }
        try {
            stream.close();
        } catch (IOException ignored) {
            // The output is being discarded; only its removal matters.
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
