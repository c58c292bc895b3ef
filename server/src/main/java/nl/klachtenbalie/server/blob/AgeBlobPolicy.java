package nl.klachtenbalie.server.blob;

import java.nio.charset.StandardCharsets;
import nl.klachtenbalie.crypto.pad.Padding;
import nl.klachtenbalie.server.error.ApiException;

/**
 * Decides whether bytes look like a padded age v1 file, without decrypting anything (the server
 * holds no key and must not try).
 *
 * <p>The rule: the file starts with the age v1 version line; its header ends with a MAC line
 * {@code "--- " + 43 base64 characters + "\n"} within the first {@code maxHeaderBytes}; and the
 * rest (the STREAM payload) is exactly the size that a padded plaintext of one allowed bucket
 * encrypts to: a 16-byte nonce, the bucket, and a 16-byte tag per started 64 KiB chunk. The header
 * size varies with the number and type of recipients, so it is capped rather than fixed; the
 * payload size then reveals only the bucket.
 */
public final class AgeBlobPolicy {

    static final byte[] VERSION_LINE = "age-encryption.org/v1\n".getBytes(StandardCharsets.US_ASCII);
    static final int NONCE = 16;
    static final int TAG = 16;
    static final int CHUNK = 64 * 1024;
    static final int MAC_LINE = 4 + 43 + 1;

    private final int maxHeaderBytes;

    public AgeBlobPolicy(int maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /** The exact STREAM payload size of one padded plaintext of {@code bucket} bytes. */
    public static long payloadSize(int bucket) {
        long chunks = (bucket + (long) CHUNK - 1) / CHUNK;
        return NONCE + bucket + TAG * chunks;
    }

    /** The largest file size this policy accepts for plaintext buckets up to {@code maxBucket}. */
    public long maxFileSize(int maxBucket) {
        return maxHeaderBytes + payloadSize(maxBucket);
    }

    /**
     * Returns the plaintext bucket of {@code blob}, or throws a 400 {@code bad_blob} naming which
     * rule failed; {@code what} names the field for the message.
     */
    public int check(byte[] blob, int maxBucket, String what) {
        if (blob.length < VERSION_LINE.length + MAC_LINE) {
            throw bad(what, "is too short to be an age file");
        }
        for (int i = 0; i < VERSION_LINE.length; i++) {
            if (blob[i] != VERSION_LINE[i]) {
                throw bad(what, "is not an age v1 file (it must start with the age-encryption.org/v1 line)");
            }
        }
        int headerEnd = headerEnd(blob);
        if (headerEnd < 0) {
            throw bad(what, "has no age header end within " + maxHeaderBytes + " bytes");
        }
        long payload = blob.length - (long) headerEnd;
        for (int bucket : Padding.BUCKETS) {
            if (bucket > maxBucket) {
                break;
            }
            if (payloadSize(bucket) == payload) {
                return bucket;
            }
        }
        throw bad(what, "is not the encryption of a padded plaintext of an allowed size (buckets up to "
                + maxBucket + " bytes; see docs/protocol.md section 5)");
    }

    /** Index just after the MAC line, or -1. */
    private int headerEnd(byte[] b) {
        int limit = Math.min(b.length, maxHeaderBytes);
        for (int i = VERSION_LINE.length - 1; i + MAC_LINE < limit; i++) {
            if (b[i] == '\n' && b[i + 1] == '-' && b[i + 2] == '-' && b[i + 3] == '-' && b[i + 4] == ' ') {
                int end = i + MAC_LINE;
                return b[end] == '\n' ? end + 1 : -1;
            }
        }
        return -1;
    }

    private static ApiException bad(String what, String why) {
        return ApiException.badRequest("bad_blob", what + " " + why);
    }
}
