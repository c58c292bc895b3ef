package nl.klachtenbalie.crypto.age.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encrypts a payload as STREAM chunks of 64 KiB under a payload key, holding at most one chunk in
 * memory.
 *
 * <p>{@link #close()} must be called: it writes the final chunk (the only one carrying the last
 * flag) and then closes the underlying stream. Without it the file is truncated and every reader
 * will reject it. {@link #flush()} cannot emit a partial chunk; it only flushes what was already
 * encrypted.
 */
public final class StreamWriter extends OutputStream {

    private final OutputStream out;
    private final ChunkAead aead;
    private final ChunkNonce nonce = new ChunkNonce();
    private final byte[] plain = new byte[StreamReader.CHUNK_SIZE];
    private final byte[] sealed = new byte[StreamReader.ENCRYPTED_CHUNK_SIZE];
    private int buffered;
    private boolean closed;

    /** @param payloadKey the 32-byte key from {@link PayloadKey#derive}; copied */
    public StreamWriter(byte[] payloadKey, OutputStream out) {
        if (payloadKey.length != PayloadKey.KEY_SIZE) {
            throw new IllegalArgumentException("payload key must be 32 bytes");
        }
        this.aead = new ChunkAead(payloadKey);
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("write to closed age stream");
        }
        Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            // A full buffer is sealed only once more data arrives: until then it may be the last chunk.
            if (buffered == plain.length) {
                sealChunk(false);
            }
            int n = Math.min(len, plain.length - buffered);
            System.arraycopy(b, off, plain, buffered, n);
            buffered += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        if (!closed) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // The final chunk is empty only when the whole payload is empty.
            sealChunk(true);
        } finally {
            Arrays.fill(plain, (byte) 0);
            out.close();
        }
    }

    private void sealChunk(boolean last) throws IOException {
        if (last) {
            nonce.markLast();
        }
        int n = aead.seal(nonce.bytes(), plain, buffered, sealed);
        out.write(sealed, 0, n);
        buffered = 0;
        if (!nonce.increment() && !last) {
            throw new IOException("age payload too long: chunk counter exhausted");
        }
    }
}
