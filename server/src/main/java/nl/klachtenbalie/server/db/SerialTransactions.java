package nl.klachtenbalie.server.db;

import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.LocalTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Lets one transaction at a time into SQLite, in arrival order.
 *
 * <p>SQLite has a single writer, and every transaction here begins IMMEDIATE (it takes the write
 * lock at BEGIN). Left to SQLite, waiting writers poll the lock with growing sleeps and give up
 * after the busy timeout, so under many concurrent reporters throughput collapses and the slowest
 * requests fail. A fair lock in Java queues them instead: the same one-at-a-time order SQLite would
 * impose anyway, without the sleeps. Reads outside transactions do not take it (WAL readers never
 * block the writer).
 */
final class SerialTransactions extends DelegatingTransactionHandler {

    private final ReentrantLock lock = new ReentrantLock(true);

    SerialTransactions() {
        super(new LocalTransactionHandler());
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        lock.lock();
        try {
            return super.inTransaction(handle, callback);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
            HandleCallback<R, X> callback) throws X {
        lock.lock();
        try {
            return super.inTransaction(handle, level, callback);
        } finally {
            lock.unlock();
        }
    }
}
