package nl.klachtenbalie.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prepared statements are kept per connection, lent to one caller at a time, and never kept while
 * they could still hold a read snapshot: a kept statement must not make its connection read stale data.
 */
class StatementCacheTest {

    @TempDir
    Path dir;
    Connection connection;
    Connection other;
    StatementCache cache;

    @BeforeEach
    void open() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("cache.db");
        connection = DriverManager.getConnection(url);
        other = DriverManager.getConnection(url);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE t (v INTEGER PRIMARY KEY)");
            s.execute("INSERT INTO t VALUES (1), (2), (3)");
        }
        cache = new StatementCache(connection);
    }

    @AfterEach
    void close() throws Exception {
        cache.close();
        connection.close();
        other.close();
    }

    @Test
    void theSameSqlGetsTheSameStatementBackWithoutItsParameters() throws Exception {
        PreparedStatement first = cache.take("SELECT v FROM t WHERE v = ?");
        first.setInt(1, 2);
        assertEquals(List.of(2), rows(first));
        cache.give(first);

        PreparedStatement second = cache.take("SELECT v FROM t WHERE v = ?");
        assertSame(first, second);
        // Parameters were cleared: an unbound parameter is NULL, which matches nothing.
        assertEquals(List.of(), rows(second));
        cache.give(second);
        assertEquals(1, cache.idleCount());
    }

    @Test
    void aStatementInUseIsNeverLentTwiceAndTheSpareIsClosed() throws Exception {
        PreparedStatement outer = cache.take("SELECT v FROM t");
        PreparedStatement inner = cache.take("SELECT v FROM t");
        assertNotSame(outer, inner);
        cache.give(inner);
        cache.give(outer);
        assertEquals(1, cache.idleCount());
        assertTrue(inner.isClosed() != outer.isClosed(), "one kept, the spare closed");
    }

    @Test
    void aStatementGivenBackMidResultIsClosedAndHoldsNoSnapshot() throws Exception {
        PreparedStatement ps = cache.take("SELECT v FROM t ORDER BY v");
        ResultSet rs = ps.executeQuery();
        assertTrue(rs.next());
        cache.give(ps);
        assertTrue(ps.isClosed(), "a statement stepped but not reset is closed, not kept");
        assertEquals(0, cache.idleCount());

        try (Statement s = other.createStatement()) {
            s.execute("INSERT INTO t VALUES (4)");
        }
        PreparedStatement count = cache.take("SELECT count(*) FROM t");
        assertEquals(List.of(4), rows(count));
        cache.give(count);
    }

    @Test
    void aKeptStatementSeesWritesMadeSinceItLastRan() throws Exception {
        PreparedStatement count = cache.take("SELECT count(*) FROM t");
        assertEquals(List.of(3), rows(count));
        cache.give(count);
        try (Statement s = other.createStatement()) {
            s.execute("INSERT INTO t VALUES (4)");
        }
        PreparedStatement again = cache.take("SELECT count(*) FROM t");
        assertSame(count, again);
        assertEquals(List.of(4), rows(again));
        cache.give(again);
    }

    @Test
    void atMostCapacityIdleStatementsTheLeastRecentlyUsedClosedFirst() throws Exception {
        List<PreparedStatement> all = new ArrayList<>();
        for (int i = 0; i <= StatementCache.CAPACITY; i++) {
            PreparedStatement ps = cache.take("SELECT v + " + i + " FROM t");
            all.add(ps);
            cache.give(ps);
        }
        assertEquals(StatementCache.CAPACITY, cache.idleCount());
        assertTrue(all.get(0).isClosed());
        assertFalse(all.get(StatementCache.CAPACITY).isClosed());
    }

    @Test
    void theEndOfALeaseClosesWhatWasNotGivenBack() throws Exception {
        PreparedStatement ps = cache.take("SELECT v FROM t");
        ps.executeQuery().next();
        cache.endLease();
        assertTrue(ps.isClosed());
        cache.give(ps);
        assertEquals(0, cache.idleCount());
    }

    @Test
    void throughJdbiStatementsAreReusedAndReadsStayCurrent() {
        Jdbi jdbi = Database.open(dir.resolve("jdbi.db"));
        try {
            jdbi.useHandle(h -> h.execute("CREATE TABLE n (v INTEGER PRIMARY KEY)"));
            ConnectionPool pool = jdbi.getConfig(Resources.class).pool;
            for (int i = 1; i <= 50; i++) {
                int v = i;
                jdbi.useTransaction(h -> h.execute("INSERT INTO n VALUES (?)", v));
                int seen = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM n").mapTo(Integer.class).one());
                assertEquals(i, seen, "a kept statement must not read an old snapshot");
            }
            assertTrue(pool.idleStatements() >= 1, "the query's statement was kept");
            assertTrue(pool.idleStatements() <= Database.CONNECTIONS * 3, "one per connection and SQL, not one per use");
        } finally {
            Database.close(jdbi);
        }
    }

    private static List<Integer> rows(PreparedStatement ps) throws Exception {
        List<Integer> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }
}
