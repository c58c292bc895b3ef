package nl.klachtenbalie.keys.desk.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The suppressor's rules on hand-made tables, including exact recovery the line rules alone miss. */
class SuppressorTest {

    private static Table table(int[][] inner) {
        List<String> rows = java.util.stream.IntStream.range(0, inner.length).mapToObj(i -> "r" + i).toList();
        List<String> cols = java.util.stream.IntStream.range(0, inner[0].length).mapToObj(i -> "c" + i).toList();
        return Table.of("t", "about", rows, "kind", cols, inner);
    }

    @Test
    void oneSmallCellGetsComplementsInItsRowAndColumn() {
        Table t = table(new int[][] {{1, 20, 9}, {20, 20, 20}, {7, 30, 8}});
        new Suppressor(5).apply(t);
        assertTrue(t.suppressed(0, 0));
        assertTrue(t.suppressed(0, 2), "the 9 is hidden with the 1: total minus shown cells is then 10, not 1");
        int hiddenInRow = 0;
        int hiddenInCol = 0;
        for (int j = 0; j < 3; j++) {
            hiddenInRow += t.suppressed(0, j) ? 1 : 0;
        }
        for (int i = 0; i < 3; i++) {
            hiddenInCol += t.suppressed(i, 0) ? 1 : 0;
        }
        assertTrue(hiddenInRow >= 2 && hiddenInCol >= 2);
        assertTrue(Suppressor.determined(t).stream().noneMatch(c -> t.count(c[0], c[1]) > 0 && t.count(c[0], c[1]) < 5));
    }

    @Test
    void aBridgeBetweenTwoHiddenCyclesIsRecoverableAndGetsFixed() {
        int[][] inner = {
                {9, 9, 6, 6},
                {9, 9, 2, 6},
                {6, 6, 9, 9},
                {6, 6, 9, 9}};
        Table t = table(inner);
        // Two hidden 2×2 blocks joined by one hidden cell (1,2): every line has two hidden cells,
        // yet (1,2) is a bridge in the row–column graph and follows exactly from the sums.
        for (int[] c : new int[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 2}, {2, 3}, {3, 2}, {3, 3}, {1, 2}}) {
            t.suppress(c[0], c[1]);
        }
        assertTrue(Suppressor.determined(t).stream().anyMatch(c -> c[0] == 1 && c[1] == 2));
        new Suppressor(5).complete(t);
        assertTrue(Suppressor.determined(t).stream().noneMatch(c -> t.count(c[0], c[1]) == 2),
                "after completion the 2 is no longer pinned down");
        assertEquals(List.of(), Disclosure.problems(List.of(List.of(withIds(t))), 5).stream()
                .filter(p -> !p.contains("ids do not match")).toList());
    }

    /** The oracle needs ids; give each counted case one. */
    private static Table withIds(Table t) {
        long next = 1;
        long[][][] ids = new long[t.r() + 1][t.c() + 1][];
        for (int i = 0; i < t.r(); i++) {
            for (int j = 0; j < t.c(); j++) {
                ids[i][j] = new long[t.count(i, j)];
                for (int k = 0; k < ids[i][j].length; k++) {
                    ids[i][j][k] = next++;
                }
            }
        }
        for (int i = 0; i <= t.r(); i++) {
            for (int j = 0; j <= t.c(); j++) {
                if (i == t.r() || j == t.c()) {
                    java.util.List<Long> all = new java.util.ArrayList<>();
                    for (int a = 0; a < t.r(); a++) {
                        for (int b = 0; b < t.c(); b++) {
                            if ((i == t.r() || a == i) && (j == t.c() || b == j)) {
                                for (long id : ids[a][b]) {
                                    all.add(id);
                                }
                            }
                        }
                    }
                    ids[i][j] = all.stream().mapToLong(Long::longValue).sorted().toArray();
                }
            }
        }
        int[][] values = new int[t.r() + 1][t.c() + 1];
        for (int i = 0; i <= t.r(); i++) {
            for (int j = 0; j <= t.c(); j++) {
                values[i][j] = t.suppressed(i, j) ? -1 : t.count(i, j);
            }
        }
        return Table.released("t", t.rowDim(), t.rows(), t.colDim(), t.cols(), values, ids);
    }
}
