package nl.klachtenbalie.crypto.age.stream;

/**
 * The 12-byte STREAM nonce: an 11-byte big-endian chunk counter and a last-chunk flag.
 *
 * <p>The counter makes reordering and dropping chunks detectable; the flag makes truncation at a
 * chunk boundary detectable. Both are safe with a fixed starting value because every payload key
 * is fresh (derived from a random file key and a random nonce).
 */
final class ChunkNonce {

    static final int SIZE = 12;
    private static final int COUNTER_BYTES = 11;

    private final byte[] bytes = new byte[SIZE];

    /** The nonce for the current chunk; callers must not modify it. */
    byte[] bytes() {
        return bytes;
    }

    boolean isFirstChunk() {
        for (int i = 0; i < COUNTER_BYTES; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    void markLast() {
        bytes[SIZE - 1] = 1;
    }

    /**
     * Advances to the next chunk.
     *
     * @return false if the counter wrapped around, after which no further chunk may be processed
     */
    boolean increment() {
        for (int i = COUNTER_BYTES - 1; i >= 0; i--) {
            bytes[i]++;
            if (bytes[i] != 0) {
                return true;
            }
        }
        return false;
    }

    /** For tests of the overflow path: positions the counter at {@code 2^88 - 1}. */
    void setCounterToMaximum() {
        for (int i = 0; i < COUNTER_BYTES; i++) {
            bytes[i] = (byte) 0xff;
        }
    }
}
