package nl.klachtenbalie.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit: many writers share one COMMIT, yet each transaction succeeds or fails on its own,
 * and nothing is acknowledged that the COMMIT did not make durable.
 */
class GroupCommitTest {

    @TempDir
    Path dir;
    Jdbi jdbi;
    ExecutorService pool;

    @BeforeEach
    void open() {
        jdbi = Database.open(dir.resolve("test.db"));
        jdbi.useHandle(h -> {
            h.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
            // Deferred: a violation is only noticed by COMMIT, which lets a test make COMMIT fail.
            h.execute("CREATE TABLE t (v INTEGER PRIMARY KEY, p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)");
        });
        pool = Executors.newFixedThreadPool(40);
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        Database.close(jdbi);
    }

    @Test
    void manyConcurrentWritersAllLand() throws Exception {
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int v = i;
            results.add(pool.submit(() -> jdbi.inTransaction(h -> h.execute("INSERT INTO t (v) VALUES (?)", v))));
        }
        for (Future<Integer> f : results) {
            assertEquals(1, f.get(60, TimeUnit.SECONDS));
        }
        assertEquals(400, count());
    }

    @Test
    void anInterruptedCallerStillLearnsWhetherItsWriteCommitted() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Future<Boolean> interruptedAfter = pool.submit(() -> {
            jdbi.useTransaction(h -> {
                h.execute("INSERT INTO t (v) VALUES (7)");
                gate.await();
            });
            return Thread.currentThread().isInterrupted();
        });
        try {
            waitUntilWriterRuns();
            pool.shutdownNow(); // interrupts the caller while the writer holds its transaction
            Thread.sleep(200);
            assertFalse(interruptedAfter.isDone(), "the interrupt did not cut the wait short");
        } finally {
            gate.countDown(); // never leave the writer held, or closing the database would wait for ever
        }
        assertTrue(interruptedAfter.get(30, TimeUnit.SECONDS), "the interrupt is kept for the caller");
        assertEquals(1, count());
    }

    @Test
    void aCallbackThatThrowsMidBatchLosesOnlyItsOwnWrite() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        // Holds the writer so that the next transactions queue up and are taken as one batch.
        Future<?> blocker = pool.submit(() -> {
            jdbi.useTransaction(h -> {
                h.execute("INSERT INTO t (v) VALUES (-1)");
                gate.await();
            });
            return null;
        });
        waitUntilWriterRuns();
        IOException boom = new IOException("refused");
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int v = i;
            results.add(pool.submit(() -> jdbi.inTransaction(h -> {
                h.execute("INSERT INTO t (v) VALUES (?)", v);
                if (v == 15) {
                    throw boom;
                }
                return v;
            })));
        }
        Thread.sleep(300);
        for (Future<Integer> f : results) {
            assertTrue(!f.isDone(), "no answer may come before the COMMIT");
        }
        gate.countDown();
        blocker.get(30, TimeUnit.SECONDS);
        for (int i = 0; i < 30; i++) {
            if (i == 15) {
                Exception e = assertThrows(Exception.class, results.get(i)::get);
                assertSame(boom, e.getCause(), "the callback's own checked exception reaches its caller");
            } else {
                assertEquals(i, results.get(i).get(30, TimeUnit.SECONDS));
            }
        }
        Set<Integer> stored = new HashSet<>(jdbi.withHandle(h -> h.createQuery("SELECT v FROM t").mapTo(Integer.class).list()));
        assertTrue(!stored.contains(15), "the failed transaction's write must be rolled back");
        assertEquals(30, stored.size(), "every other write and the blocker's: " + stored);
        assertTrue(stored.contains(-1));
    }

    @Test
    void aLoneTransactionThatThrowsLeavesNothingAndTheWriterGoesOn() throws Exception {
        // Alone in its batch (nothing else queued), a transaction runs without a savepoint: its
        // failure must roll back all of it and leave the writer's connection ready for the next.
        IOException boom = new IOException("refused");
        for (int round = 0; round < 3; round++) {
            int v = round;
            IOException thrown = assertThrows(IOException.class, () -> jdbi.useTransaction(h -> {
                h.execute("INSERT INTO t (v) VALUES (?)", 100 + v);
                h.execute("INSERT INTO t (v) VALUES (?)", 200 + v);
                throw boom;
            }));
            assertSame(boom, thrown);
            assertEquals(0, count(), "nothing of the failed transaction is stored");
        }
        IllegalStateException unchecked = assertThrows(IllegalStateException.class, () -> jdbi.useTransaction(h -> {
            h.execute("INSERT INTO t (v) VALUES (7)");
            throw new IllegalStateException("unchecked");
        }));
        assertEquals("unchecked", unchecked.getMessage());
        assertEquals(0, count());
        assertEquals(1, (int) jdbi.inTransaction(h -> h.execute("INSERT INTO t (v) VALUES (1)")));
        assertEquals(1, count());
    }

    @Test
    void aFailingCommitFailsEveryMemberOfTheBatch() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Future<?> blocker = pool.submit(() -> {
            jdbi.useTransaction(h -> gate.await());
            return null;
        });
        waitUntilWriterRuns();
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int v = i;
            // Member 5 breaks a deferred foreign key: its own statements succeed, the COMMIT fails.
            results.add(pool.submit(() -> jdbi.inTransaction(h -> v == 5
                    ? h.execute("INSERT INTO t (v, p) VALUES (?, 999)", v)
                    : h.execute("INSERT INTO t (v) VALUES (?)", v))));
        }
        Thread.sleep(300);
        gate.countDown();
        blocker.get(30, TimeUnit.SECONDS); // its own batch, committed before the others queued
        for (Future<Integer> f : results) {
            Exception e = assertThrows(Exception.class, () -> f.get(30, TimeUnit.SECONDS), "no member may be acknowledged");
            assertInstanceOf(RuntimeException.class, e.getCause());
        }
        assertEquals(0, count(), "nothing of the failed batch is stored");
        int recovered = jdbi.inTransaction(h -> h.execute("INSERT INTO t (v) VALUES (100)"));
        assertEquals(1, recovered, "the writer recovers");
        assertEquals(1, count());
    }

    @Test
    void nestedTransactionsRunInlineAndForeignHandlesAreRefused() {
        int n = jdbi.inTransaction(h -> {
            h.execute("INSERT INTO t (v) VALUES (1)");
            return h.inTransaction(inner -> inner.execute("INSERT INTO t (v) VALUES (2)"));
        });
        assertEquals(1, n);
        assertEquals(2, count());
        assertThrows(IllegalStateException.class,
                () -> jdbi.useTransaction(h -> jdbi.useTransaction(other -> other.execute("INSERT INTO t (v) VALUES (3)"))));
        assertEquals(2, count(), "the refused outer transaction rolled back, the earlier ones stay");
    }

    @Test
    void checkpointTruncatesTheWalAndCloseFinishesQueuedWrites() throws Exception {
        jdbi.useTransaction(h -> h.execute("INSERT INTO t (v) VALUES (1)"));
        Path wal = dir.resolve("test.db-wal");
        assertTrue(Files.size(wal) > 0);
        Database.checkpoint(jdbi);
        assertEquals(0, Files.size(wal), "TRUNCATE must leave an empty WAL (deleted ciphertext must not linger)");

        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 10; i < 60; i++) {
            int v = i;
            results.add(pool.submit(() -> jdbi.inTransaction(h -> h.execute("INSERT INTO t (v) VALUES (?)", v))));
        }
        Thread.sleep(50);
        Database.close(jdbi);
        int acknowledged = 0;
        for (Future<Integer> f : results) {
            try {
                acknowledged += f.get(30, TimeUnit.SECONDS);
            } catch (Exception refusedAfterClose) {
                assertInstanceOf(IllegalStateException.class, refusedAfterClose.getCause());
            }
        }
        jdbi = Database.open(dir.resolve("test.db"));
        assertEquals(1 + acknowledged, count(), "exactly the acknowledged writes are stored");
    }

    @Test
    void releasedConnectionsAreReopened() {
        jdbi.useTransaction(h -> h.execute("INSERT INTO t (v) VALUES (1)"));
        Database.releaseConnections(jdbi);
        jdbi.useTransaction(h -> h.execute("INSERT INTO t (v) VALUES (2)"));
        assertEquals(2, count());
        assertNull(jdbi.withHandle(h -> h.createQuery("SELECT p FROM t WHERE v = 2").mapTo(Integer.class).one()));
    }

    private long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM t").mapTo(Long.class).one());
    }

    /** The blocker's callback is running once the writer holds the write lock: a probe write times out. */
    private void waitUntilWriterRuns() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Thread.sleep(20);
            boolean locked = jdbi.withHandle(h -> {
                try {
                    h.execute("PRAGMA busy_timeout = 0");
                    h.execute("BEGIN IMMEDIATE");
                    h.execute("ROLLBACK");
                    return false;
                } catch (RuntimeException busy) {
                    return true;
                } finally {
                    h.execute("PRAGMA busy_timeout = 10000");
                }
            });
            if (locked) {
                return;
            }
        }
        throw new AssertionError("the writer never took the write lock");
    }
}
