package nl.klachtenbalie.server.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Runs every write transaction on one writer thread, one at a time in arrival order, and commits
 * the transactions that queued up meanwhile together: one COMMIT, so one fsync, per batch.
 *
 * <p>Each callback runs inside its own SAVEPOINT on the writer's long-lived handle: released if it
 * returns, rolled back if it throws, so one request's failure never touches another's writes. The
 * waiting threads get their result or exception only after the batch's COMMIT returned, so an
 * acknowledged write is exactly as durable as with a transaction of its own; if the COMMIT (or the
 * batch) fails, every member fails and none is acknowledged.
 *
 * <p>Misuse: a callback must use only the handle it is given; opening another transaction from
 * inside one (on another handle) is refused, because it would wait for the writer it runs on.
 * Results must not hold on to the handle (no open iterators or streams).
 */
final class GroupCommit implements TransactionHandler, AutoCloseable {

    /** Bounds the work one fsync covers, and how long a failed batch takes others down with it. */
    static final int MAX_BATCH = 64;

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    /** Queue marker besides jobs and release requests (latches): stop. */
    private static final Object STOP = new Object();

    private final Supplier<Handle> handles;
    private final Thread writer;
    private volatile Handle handle;
    /** The writer's own statements on {@link #handle}'s connection; only the writer thread uses them. */
    private WriterStatements control;
    private volatile boolean inBatch;
    private volatile boolean closed;

    /** {@code handles} opens the writer's handle (lazily, on the writer thread, again after a storage fault). */
    GroupCommit(Supplier<Handle> handles) {
        this.handles = handles;
        this.writer = new Thread(this::run, "klachtenbalie-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle h, HandleCallback<R, X> callback) throws X {
        if (h == handle && inBatch) {
            return callback.withHandle(h);
        }
        if (Thread.currentThread() == writer) {
            throw new IllegalStateException("a transaction callback must use the handle it is given");
        }
        WriteJob<R, X> job = new WriteJob<>(callback);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the database is closed");
            }
            queue.add(job);
        }
        return job.await();
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle h, TransactionIsolationLevel level,
            HandleCallback<R, X> callback) throws X {
        // SQLite transactions are serializable whatever is asked.
        return inTransaction(h, callback);
    }

    @Override
    public boolean isInTransaction(Handle h) {
        return h == handle && inBatch;
    }

    @Override
    public void begin(Handle h) {
        throw new UnsupportedOperationException("use jdbi.inTransaction: transactions are grouped by the writer");
    }

    @Override
    public void commit(Handle h) {
        throw new UnsupportedOperationException("use jdbi.inTransaction: transactions are grouped by the writer");
    }

    @Override
    public void rollback(Handle h) {
        throw new UnsupportedOperationException("throw from the callback to roll its transaction back");
    }

    @Override
    public void savepoint(Handle h, String name) {
        exec(h, "SAVEPOINT " + quoted(name));
    }

    @Override
    public void rollbackToSavepoint(Handle h, String name) {
        exec(h, "ROLLBACK TO " + quoted(name));
    }

    @Override
    public void releaseSavepoint(Handle h, String name) {
        exec(h, "RELEASE " + quoted(name));
    }

    /** Waits until the writer has closed its connection (its next batch opens a fresh one). */
    void releaseConnection() {
        CountDownLatch released = new CountDownLatch(1);
        synchronized (this) {
            if (closed) {
                return;
            }
            queue.add(released);
        }
        Uninterruptibly.await(released::await);
    }

    /** Lets queued transactions finish, then stops the writer and closes its connection. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        Uninterruptibly.await(writer::join);
    }

    private void run() {
        List<Object> taken = new ArrayList<>(MAX_BATCH);
        List<WriteJob<?, ?>> batch = new ArrayList<>(MAX_BATCH);
        boolean stop = false;
        try {
            while (!stop) {
                taken.add(queue.take());
                queue.drainTo(taken, MAX_BATCH - 1);
                for (Object o : taken) {
                    if (o == STOP) {
                        // Anything after STOP was refused at submission; nothing is left waiting.
                        stop = true;
                    } else if (o instanceof CountDownLatch released) {
                        commitBatch(batch);
                        closeHandle();
                        released.countDown();
                    } else {
                        batch.add((WriteJob<?, ?>) o);
                    }
                }
                commitBatch(batch);
                taken.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeHandle();
        }
    }

    private void commitBatch(List<WriteJob<?, ?>> batch) {
        if (!batch.isEmpty()) {
            runBatch(batch);
            batch.clear();
        }
    }

    private void runBatch(List<WriteJob<?, ?>> batch) {
        try {
            if (handle == null) {
                Handle opened = handles.get();
                try {
                    control = new WriterStatements(opened.getConnection());
                } catch (RuntimeException | Error e) {
                    opened.close();
                    throw e;
                }
                handle = opened;
            }
            control.begin();
        } catch (RuntimeException | Error e) {
            failAll(batch, e);
            return;
        }
        // A batch of one needs no savepoint: if its callback fails, the whole transaction is its own.
        boolean alone = batch.size() == 1;
        Throwable loneFailure = null;
        inBatch = true;
        try {
            for (WriteJob<?, ?> job : batch) {
                if (!alone) {
                    control.savepoint();
                }
                try {
                    job.run(handle);
                    if (!alone) {
                        control.release();
                    }
                } catch (Throwable t) {
                    if (alone) {
                        loneFailure = t;
                        break;
                    }
                    // Callback failed: undo only its writes. If even that fails, SQLite has aborted
                    // the whole transaction (I/O error, disk full), which the outer catch handles.
                    job.fail(t);
                    try {
                        control.rollbackToSavepoint();
                        control.release();
                    } catch (RuntimeException rollbackFailed) {
                        // The batch fails with the cause (disk full, say), not with "no such savepoint".
                        throw t instanceof RuntimeException cause ? cause : rollbackFailed;
                    }
                }
            }
            if (loneFailure == null) {
                control.commit();
            }
        } catch (RuntimeException | Error e) {
            inBatch = false;
            rollbackQuietly();
            failAll(batch, e);
            return;
        } finally {
            inBatch = false;
        }
        if (loneFailure != null) {
            rollbackQuietly();
            failAll(batch, loneFailure);
            return;
        }
        for (WriteJob<?, ?> job : batch) {
            job.complete();
        }
    }

    private void failAll(List<WriteJob<?, ?>> batch, Throwable cause) {
        if (ConnectionPool.isStorageFault(cause)) {
            // A connection opened while storage failed may stay read-only; start afresh next time.
            closeHandle();
        }
        for (WriteJob<?, ?> job : batch) {
            job.fail(cause);
            job.complete();
        }
    }

    private void rollbackQuietly() {
        try {
            control.rollback();
        } catch (RuntimeException noTransactionLeft) {
            // SQLite already rolled back (it does so itself after some I/O errors)
        }
    }

    private void closeHandle() {
        if (handle != null) {
            control.close();
            control = null;
            try {
                handle.close();
            } catch (RuntimeException ignored) {
                // the connection is being dropped anyway
            }
            handle = null;
        }
    }

    private static void exec(Handle h, String sql) {
        Connection c = h.getConnection();
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new org.jdbi.v3.core.ConnectionException(e);
        }
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
