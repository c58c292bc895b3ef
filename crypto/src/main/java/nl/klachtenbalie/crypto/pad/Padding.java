package nl.klachtenbalie.crypto.pad;

import java.util.List;
import java.util.Objects;

/**
 * Length framing and bucket padding (protocol §5), applied to every plaintext before encryption so
 * that a ciphertext's size reveals only its bucket:
 *
 * <pre>padded = u32(len(content)) ‖ content ‖ 0x00…  (total = smallest bucket ≥ 4 + len(content))</pre>
 *
 * <p>Unpadding is strict — the length must be a bucket, the declared length must fit and every
 * padding byte must be zero — so one plaintext has exactly one padded form and a padded plaintext
 * cannot smuggle extra bytes past the length field.
 */
public final class Padding {

    /** The bucket sizes in bytes, ascending. */
    public static final List<Integer> BUCKETS = List.of(2048, 8192, 32768, 131072, 524288, 2097152, 8388608);

    /** Size of the big-endian length prefix. */
    public static final int HEADER_LENGTH = 4;

    /** The largest content that fits: the largest bucket minus the length prefix. */
    public static final int MAX_CONTENT_LENGTH = BUCKETS.get(BUCKETS.size() - 1) - HEADER_LENGTH;

    private Padding() {
    }

    /**
     * The padded size for content of {@code contentLength} bytes.
     *
     * @throws PaddingException of kind {@code TOO_LARGE} above {@link #MAX_CONTENT_LENGTH}
     * @throws IllegalArgumentException for a negative length
     */
    public static int bucketFor(int contentLength) throws PaddingException {
        if (contentLength < 0) {
            throw new IllegalArgumentException("negative length");
        }
        if (contentLength > MAX_CONTENT_LENGTH) {
            throw new PaddingException(PaddingException.Kind.TOO_LARGE, "content too large to pad");
        }
        for (int bucket : BUCKETS) {
            if (HEADER_LENGTH + contentLength <= bucket) {
                return bucket;
            }
        }
        throw new AssertionError("unreachable: MAX_CONTENT_LENGTH fits the largest bucket");
    }

    /** True if {@code length} is exactly one of the bucket sizes. */
    public static boolean isBucket(long length) {
        for (int bucket : BUCKETS) {
            if (bucket == length) {
                return true;
            }
        }
        return false;
    }

    /** Frames and pads {@code content}; the input is not modified. */
    public static byte[] pad(byte[] content) throws PaddingException {
        Objects.requireNonNull(content, "content");
        int n = content.length;
        byte[] out = new byte[bucketFor(n)];
        out[0] = (byte) (n >>> 24);
        out[1] = (byte) (n >>> 16);
        out[2] = (byte) (n >>> 8);
        out[3] = (byte) n;
        System.arraycopy(content, 0, out, HEADER_LENGTH, n);
        return out;
    }

    /**
     * Strictly removes framing and padding.
     *
     * @throws PaddingException naming the first rule the input breaks
     */
    public static byte[] unpad(byte[] padded) throws PaddingException {
        Objects.requireNonNull(padded, "padded");
        if (!isBucket(padded.length)) {
            throw new PaddingException(PaddingException.Kind.NOT_A_BUCKET, "padded length is not a bucket size");
        }
        long declared = ((padded[0] & 0xffL) << 24) | ((padded[1] & 0xffL) << 16)
                | ((padded[2] & 0xffL) << 8) | (padded[3] & 0xffL);
        if (declared > padded.length - HEADER_LENGTH) {
            throw new PaddingException(PaddingException.Kind.BAD_LENGTH, "declared length does not fit");
        }
        int n = (int) declared;
        // The content must sit in the smallest bucket that holds it: otherwise two padded forms of
        // one plaintext would exist, and a sender could signal with its choice of bucket.
        if (bucketFor(n) != padded.length) {
            throw new PaddingException(PaddingException.Kind.BAD_LENGTH, "content is not in its smallest bucket");
        }
        int nonZero = 0;
        for (int i = HEADER_LENGTH + n; i < padded.length; i++) {
            nonZero |= padded[i];
        }
        if (nonZero != 0) {
            throw new PaddingException(PaddingException.Kind.NONZERO_PADDING, "padding bytes are not zero");
        }
        byte[] content = new byte[n];
        System.arraycopy(padded, HEADER_LENGTH, content, 0, n);
        return content;
    }
}
