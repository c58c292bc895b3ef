package nl.klachtenbalie.crypto.age.stream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import nl.klachtenbalie.crypto.age.AgeException;

/**
 * Decrypts a STREAM payload chunk by chunk, holding at most one chunk in memory.
 *
 * <p>Plaintext is released one authenticated chunk at a time, so a reader can observe the start
 * of a payload whose later part is damaged; end of stream ({@code -1}) is returned only after the
 * final chunk authenticated and nothing follows it. Consumers that must not act on partial
 * plaintext have to read to end of stream before using any of it.
 *
 * <p>Failures are {@link AgeException}s of kind {@code PAYLOAD}: a chunk that fails
 * authentication, a payload that ends without a final chunk, an empty final chunk in a
 * non-empty payload, data after the final chunk and counter overflow. Exceptions thrown by the
 * source stream (for example armor failures) pass through unchanged. Every failure is sticky.
 */
public final class StreamReader extends InputStream {

    /** Plaintext bytes per chunk. */
    public static final int CHUNK_SIZE = 64 * 1024;
    static final int TAG_SIZE = ChunkAead.TAG_SIZE;
    static final int ENCRYPTED_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE;

    private final InputStream in;
    private final ChunkAead aead;
    private final ChunkNonce nonce;
    private final byte[] sealed = new byte[ENCRYPTED_CHUNK_SIZE];
    private final byte[] plain = new byte[CHUNK_SIZE];
    private int plainPos;
    private int plainLen;
    private boolean finished;
    /** Raised once the plaintext already decrypted has been handed out. */
    private IOException pending;
    private IOException failure;

    /** @param payloadKey the 32-byte key from {@link PayloadKey#derive}; copied */
    public StreamReader(byte[] payloadKey, InputStream in) {
        this(payloadKey, in, new ChunkNonce());
    }

    StreamReader(byte[] payloadKey, InputStream in, ChunkNonce nonce) {
        if (payloadKey.length != PayloadKey.KEY_SIZE) {
            throw new IllegalArgumentException("payload key must be 32 bytes");
        }
        this.aead = new ChunkAead(payloadKey);
        this.in = Objects.requireNonNull(in);
        this.nonce = nonce;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (plainPos == plainLen) {
            if (failure != null) {
                throw failure;
            }
            if (pending != null) {
                failure = pending;
                throw failure;
            }
            if (finished) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            try {
                readChunk();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
        int n = Math.min(len, plainLen - plainPos);
        System.arraycopy(plain, plainPos, b, off, n);
        plainPos += n;
        return n;
    }

    @Override
    public int available() {
        return plainLen - plainPos;
    }

    @Override
    public void close() throws IOException {
        Arrays.fill(plain, (byte) 0);
        plainPos = plainLen = 0;
        finished = true;
        in.close();
    }

    private void readChunk() throws IOException {
        int n = in.readNBytes(sealed, 0, sealed.length);
        if (n == 0) {
            throw payloadError("truncated: no final chunk");
        }
        boolean last = false;
        if (n < sealed.length) {
            // Only the final chunk may be short, and it may be empty only if it is the only one.
            if (n == TAG_SIZE && !nonce.isFirstChunk()) {
                throw payloadError("final chunk is empty");
            }
            if (n < TAG_SIZE) {
                throw payloadError("truncated chunk");
            }
            last = true;
            nonce.markLast();
        }
        int len = open(n);
        if (len < 0 && !last) {
            // A full-size chunk may still be the final one.
            last = true;
            nonce.markLast();
            len = open(n);
        }
        if (len < 0) {
            throw payloadError("failed to decrypt and authenticate payload chunk");
        }
        plainPos = 0;
        plainLen = len;
        if (!nonce.increment() && !last) {
            throw payloadError("chunk counter overflow");
        }
        if (last) {
            finished = true;
            checkEndOfStream();
        }
    }

    /** Decrypts {@code sealed[0..n)} into {@code plain}; -1 if authentication fails. */
    private int open(int n) {
        int len = aead.open(nonce.bytes(), sealed, n, plain);
        if (len < 0) {
            // Never let a previous chunk's plaintext be mistaken for this one's.
            Arrays.fill(plain, (byte) 0);
        }
        return len;
    }

    /** After the final chunk the source must be at end of file; the last chunk is released first. */
    private void checkEndOfStream() {
        try {
            if (in.read() >= 0) {
                pending = payloadError("trailing data after end of encrypted file");
            }
        } catch (IOException e) {
            pending = e;
        }
    }

    private static AgeException payloadError(String what) {
        return new AgeException(AgeException.Kind.PAYLOAD, "invalid payload: " + what);
    }
}
