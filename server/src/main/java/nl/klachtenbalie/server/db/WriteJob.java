package nl.klachtenbalie.server.db;

import java.util.concurrent.CountDownLatch;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

/**
 * One transaction waiting for the writer of {@link GroupCommit}: the callback, then its outcome,
 * which the waiting thread sees only once {@link #complete()} is called after the batch's COMMIT.
 */
final class WriteJob<R, X extends Exception> {

    private final HandleCallback<R, X> callback;
    private final CountDownLatch done = new CountDownLatch(1);
    private R result;
    private Throwable failure;

    WriteJob(HandleCallback<R, X> callback) {
        this.callback = callback;
    }

    /** Runs the callback on the writer's handle; its exception propagates to the writer. */
    void run(Handle handle) throws X {
        result = callback.withHandle(handle);
    }

    /** Records a failure; a later one (the batch failed after this callback did) replaces it. */
    void fail(Throwable t) {
        failure = t;
        result = null;
    }

    void complete() {
        done.countDown();
    }

    /** Waits for the outcome; an interrupt cannot cut the wait short (the write may still commit). */
    @SuppressWarnings("unchecked")
    R await() throws X {
        Uninterruptibly.await(done::await);
        if (failure == null) {
            return result;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        // Only the callback's own checked exception type X can get here.
        throw (X) failure;
    }
}
