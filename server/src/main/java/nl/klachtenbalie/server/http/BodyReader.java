package nl.klachtenbalie.server.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import nl.klachtenbalie.server.error.ApiException;

/**
 * Reads a request body into memory, refusing (413) anything over the route's cap before reading it all.
 *
 * <p>All bodies held in memory at once share one budget: without it, a few hundred parallel uploads
 * of the largest allowed size would exhaust the heap of a small VPS. A request reserves its declared
 * length (or the route's cap when the length is unknown) before reading, and gives it back when the
 * request ends ({@link #release}); when the budget is spent, a request waits briefly and then gets
 * 503 "busy", which clients retry.
 */
final class BodyReader {

    private static final String HELD = "kb.body.kib";
    private static final long WAIT_SECONDS = 5;
    private static final long SWALLOW_LIMIT = 2L * 1024 * 1024;

    private final Semaphore budgetKiB;
    private final int totalKiB;

    BodyReader(long budgetBytes) {
        this.totalKiB = (int) Math.min(Integer.MAX_VALUE, Math.max(1, budgetBytes / 1024));
        this.budgetKiB = new Semaphore(totalKiB, true);
    }

    byte[] read(Context ctx, long max) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            swallow(ctx, declared);
            throw ApiException.tooLarge("the request body is larger than " + max + " bytes; send smaller or fewer blobs");
        }
        reserve(ctx, declared >= 0 ? declared : max);
        try (InputStream in = ctx.req().getInputStream()) {
            return declared >= 0 ? readDeclared(in, (int) declared) : readChunked(ctx, in, max);
        } catch (IOException e) {
            throw ApiException.badRequest("bad_body", "the request body could not be read completely; try again");
        }
    }

    /**
     * A body of known length goes straight into one array of that length: no growing buffer and no
     * final copy, so the largest report is held once, not twice, while it is read.
     */
    private static byte[] readDeclared(InputStream in, int length) throws IOException {
        byte[] body = new byte[length];
        if (in.readNBytes(body, 0, length) != length) {
            throw new IOException("the body ended before its declared length");
        }
        return body;
    }

    private static byte[] readChunked(Context ctx, InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
        byte[] buf = new byte[8 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > max) {
                swallow(ctx, -1);
                throw ApiException.tooLarge("the request body is larger than " + max + " bytes; send smaller or fewer blobs");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Reads and discards a refused body of moderate size before answering, so the client, still
     * sending, receives the 413 instead of a reset connection; anything larger is cut off (the
     * connection closes), as reading it would cost more than the answer is worth.
     */
    private static void swallow(Context ctx, long declared) {
        if (declared > SWALLOW_LIMIT) {
            return;
        }
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            int n;
            while (total <= SWALLOW_LIMIT && (n = in.read(buf)) > 0) {
                total += n;
            }
        } catch (IOException e) {
            // The client went away; the 413 is still the answer.
        }
    }

    private void reserve(Context ctx, long bytes) {
        int kib = (int) Math.min(totalKiB, (bytes + 1023) / 1024 + 1);
        try {
            if (!budgetKiB.tryAcquire(kib, WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new ApiException(503, "busy", "the server is busy receiving other messages; try again in a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "busy", "the server is busy; try again in a minute");
        }
        Integer before = ctx.attribute(HELD);
        ctx.attribute(HELD, (before == null ? 0 : before) + kib);
    }

    /** Gives back what this request reserved; runs after every request, also after errors. */
    void release(Context ctx) {
        Integer held = ctx.attribute(HELD);
        if (held != null && held > 0) {
            ctx.attribute(HELD, 0);
            budgetKiB.release(held);
        }
    }

    /** KiB currently free in the budget (for tests and metrics). */
    int availableKiB() {
        return budgetKiB.availablePermits();
    }
}
