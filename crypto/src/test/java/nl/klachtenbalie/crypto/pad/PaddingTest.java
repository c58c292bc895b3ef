package nl.klachtenbalie.crypto.pad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PaddingTest {

    @Test
    void bucketBoundaries() throws PaddingException {
        int previous = 0;
        for (int bucket : Padding.BUCKETS) {
            int max = bucket - Padding.HEADER_LENGTH;
            assertEquals(bucket, Padding.bucketFor(max), "largest content in " + bucket);
            assertEquals(bucket, Padding.bucketFor(previous == 0 ? 0 : previous - Padding.HEADER_LENGTH + 1));
            if (bucket != Padding.BUCKETS.get(Padding.BUCKETS.size() - 1)) {
                assertEquals(bucket * 4, Padding.bucketFor(max + 1), "one over spills into the next bucket");
            }
            previous = bucket;
        }
        assertEquals(8388604, Padding.MAX_CONTENT_LENGTH);
        PaddingException e = assertThrows(PaddingException.class, () -> Padding.bucketFor(8388605));
        assertEquals(PaddingException.Kind.TOO_LARGE, e.kind());
        assertThrows(IllegalArgumentException.class, () -> Padding.bucketFor(-1));
    }

    @Test
    void roundTripAtBoundaries() throws PaddingException {
        Random r = new Random(1);
        int[] sizes = {0, 1, 2043, 2044, 2045, 8188, 8189, 32764, 32765, 131068, 131069, 8388604};
        for (int n : sizes) {
            byte[] content = new byte[n];
            r.nextBytes(content);
            byte[] padded = Padding.pad(content);
            assertTrue(Padding.isBucket(padded.length));
            assertEquals(Padding.bucketFor(n), padded.length);
            assertEquals(n, ((padded[0] & 0xff) << 24) | ((padded[1] & 0xff) << 16) | ((padded[2] & 0xff) << 8) | (padded[3] & 0xff));
            assertArrayEquals(content, Padding.unpad(padded), "size " + n);
        }
        assertThrows(PaddingException.class, () -> Padding.pad(new byte[8388605]));
    }

    @Test
    void malformed() {
        assertKind(PaddingException.Kind.NOT_A_BUCKET, new byte[0]);
        assertKind(PaddingException.Kind.NOT_A_BUCKET, new byte[3]);
        assertKind(PaddingException.Kind.NOT_A_BUCKET, new byte[2047]);
        assertKind(PaddingException.Kind.NOT_A_BUCKET, new byte[2049]);
        assertKind(PaddingException.Kind.NOT_A_BUCKET, new byte[4096]);

        byte[] tooLong = new byte[2048];
        tooLong[2] = 0x07;
        tooLong[3] = (byte) 0xfd; // 2045 > 2044
        assertKind(PaddingException.Kind.BAD_LENGTH, tooLong);
        byte[] huge = new byte[2048];
        huge[0] = (byte) 0xff;
        assertKind(PaddingException.Kind.BAD_LENGTH, huge);

        byte[] wrongBucket = new byte[8192]; // 10 bytes belong in the 2048 bucket
        wrongBucket[3] = 10;
        assertKind(PaddingException.Kind.BAD_LENGTH, wrongBucket);

        byte[] dirty = new byte[2048];
        dirty[3] = 5;
        dirty[2047] = 1;
        assertKind(PaddingException.Kind.NONZERO_PADDING, dirty);
        byte[] dirtyFirst = new byte[2048];
        dirtyFirst[3] = 5;
        dirtyFirst[9] = (byte) 0x80;
        assertKind(PaddingException.Kind.NONZERO_PADDING, dirtyFirst);
    }

    @Test
    void fullBucketAndEmptyContentAreValid() throws PaddingException {
        byte[] full = new byte[2048];
        full[2] = 0x07;
        full[3] = (byte) 0xfc;
        full[2047] = 42;
        assertEquals(2044, Padding.unpad(full).length);
        assertEquals(0, Padding.unpad(new byte[2048]).length);
    }

    @Test
    void isBucket() {
        assertTrue(Padding.isBucket(2048));
        assertFalse(Padding.isBucket(2047));
        assertFalse(Padding.isBucket(0));
        assertFalse(Padding.isBucket(16L * 1024 * 1024));
    }

    private static void assertKind(PaddingException.Kind kind, byte[] padded) {
        PaddingException e = assertThrows(PaddingException.class, () -> Padding.unpad(padded));
        assertEquals(kind, e.kind());
    }
}
