package nl.klachtenbalie.server.reporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The table against a plain map that does the same thing slowly. The keys are chosen so that their
 * home slots crowd into a few runs that wrap around the end of the table, which is where deletion by
 * backward shift goes wrong if it goes wrong anywhere.
 */
class SpentNoncesTest {

    private record Key(long hi, long lo) {
    }

    @Test
    void behavesLikeAMapThatForgetsWhatExpired() {
        SplittableRandom random = new SplittableRandom(20261205); // a fixed seed: a failure can be replayed
        int capacity = 300;
        SpentNonces table = new SpentNonces(capacity);
        Map<Key, Long> model = new HashMap<>();
        Key[] seen = new Key[4000];
        int seenCount = 0;
        long now = 1_000;
        for (int step = 0; step < 200_000; step++) {
            int op = random.nextInt(100);
            if (op < 2) {
                now += random.nextInt(1, 20);
            } else if (op < 4) {
                long at = now;
                table.evictExpired(at);
                model.values().removeIf(e -> e < at);
            } else {
                Key key;
                if (seenCount > 0 && random.nextInt(4) == 0) {
                    key = seen[random.nextInt(seenCount)]; // a replay
                } else {
                    // Homes 1016..1023 and 0..7 of the first 1,024 slots: crowded runs across the wrap.
                    long home = (random.nextInt(16) + 1016) & 1023;
                    key = new Key(random.nextLong(), home);
                    if (seenCount < seen.length) {
                        seen[seenCount++] = key;
                    }
                }
                long expiry = now + random.nextInt(1, 60);
                SpentNonces.Result expected = expected(model, capacity, key, now);
                assertEquals(expected, table.add(key.hi(), key.lo(), expiry, now), "step " + step);
                if (expected == SpentNonces.Result.ADDED) {
                    model.put(key, expiry);
                } else if (expected == SpentNonces.Result.FULL) {
                    long at = now;
                    model.values().removeIf(e -> e < at); // the table swept to find room; the model does too
                }
            }
            assertTrue(table.size() <= capacity);
        }
        // Every remembered key is found again, and nothing else is.
        table.evictExpired(now);
        long at = now;
        model.values().removeIf(e -> e < at);
        assertEquals(model.size(), table.size());
        for (Key k : model.keySet()) {
            assertEquals(SpentNonces.Result.ALREADY_SPENT, table.add(k.hi(), k.lo(), now + 1, now));
        }
    }

    /** The map's answer: spent if remembered; full if there is no room even after forgetting what expired. */
    private static SpentNonces.Result expected(Map<Key, Long> model, int capacity, Key key, long now) {
        if (model.containsKey(key)) {
            return SpentNonces.Result.ALREADY_SPENT;
        }
        if (model.size() < capacity) {
            return SpentNonces.Result.ADDED;
        }
        long unexpired = model.values().stream().filter(e -> e >= now).count();
        if (unexpired < capacity) {
            model.values().removeIf(e -> e < now);
            return SpentNonces.Result.ADDED;
        }
        return SpentNonces.Result.FULL;
    }

    @Test
    void aFullTableMakesRoomOnlyAsNoncesExpire() {
        SpentNonces table = new SpentNonces(2);
        assertEquals(SpentNonces.Result.ADDED, table.add(1, 1, 100, 50));
        assertEquals(SpentNonces.Result.ADDED, table.add(2, 2, 120, 50));
        assertEquals(SpentNonces.Result.FULL, table.add(3, 3, 130, 60));
        assertEquals(SpentNonces.Result.ALREADY_SPENT, table.add(1, 1, 100, 60), "a replay is a replay, full or not");
        assertEquals(SpentNonces.Result.FULL, table.add(3, 3, 130, 100), "expiring at 100 is still valid at 100");
        assertEquals(SpentNonces.Result.ADDED, table.add(3, 3, 130, 101));
        assertEquals(SpentNonces.Result.ALREADY_SPENT, table.add(2, 2, 120, 101));
        assertEquals(2, table.size());
    }

    @Test
    void aFullTableTakesExactlyTheHeapTheStartUpCheckCountsOn() {
        for (int capacity : new int[] {100, 512, 513, 3000}) {
            SpentNonces table = new SpentNonces(capacity);
            for (long i = 1; i <= capacity; i++) {
                assertEquals(SpentNonces.Result.ADDED, table.add(i, i * 0x9E3779B97F4A7C15L, 100, 50));
            }
            assertEquals(SpentNonces.maxHeapBytes(capacity), 24L * table.slots(), "capacity " + capacity);
        }
    }
}
