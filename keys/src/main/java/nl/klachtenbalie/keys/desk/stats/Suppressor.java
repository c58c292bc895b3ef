package nl.klachtenbalie.keys.desk.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Small-cell suppression for one table with its margins. A "line" is a row or a column of the
 * grid together with its total; a reader knows each released line adds up.
 *
 * <ol>
 *   <li><b>Primary:</b> every cell (totals included) counting 1 … threshold−1 is suppressed. Zeros
 *       are shown: "nobody" identifies no one.</li>
 *   <li><b>Complementary</b>, repeated until nothing changes:
 *     <ul>
 *       <li>a line with exactly one suppressed cell gets a second: the smallest non-zero cell left
 *           (the total, if no inner cell qualifies);</li>
 *       <li>a line whose total is released, and whose suppressed cells add up to 1 … threshold−1,
 *           gets one more the same way — otherwise "total minus the shown cells" is a small count;</li>
 *       <li>a suppressed small cell that the row and column sums still pin down exactly (found by
 *           row-reducing the system of all line sums over the suppressed cells) gets a neighbour
 *           suppressed in its row, else its column, else the grand total.</li>
 *     </ul>
 *   </li>
 * </ol>
 * Each step suppresses at least one more cell, so the loop ends. The result never shows a small
 * count, and no small count is the exact solution of the table's own sums; cross-table sums are
 * the {@link Ledger}'s job.
 */
public final class Suppressor {

    private final int threshold;

    public Suppressor(int threshold) {
        if (threshold < 2) {
            throw new IllegalArgumentException("threshold must be at least 2");
        }
        this.threshold = threshold;
    }

    public int threshold() {
        return threshold;
    }

    boolean small(int v) {
        return v >= 1 && v < threshold;
    }

    /** Applies primary and complementary suppression in place; cells already suppressed stay so. */
    public void apply(Table t) {
        for (int i = 0; i <= t.r(); i++) {
            for (int j = 0; j <= t.c(); j++) {
                if (small(t.count(i, j))) {
                    t.suppress(i, j);
                }
            }
        }
        complete(t);
    }

    /** Runs the complementary rules to a fixpoint (after the ledger suppressed more cells, too). */
    void complete(Table t) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[][] line : lines(t)) {
                changed |= fixLine(t, line);
            }
            if (!changed) {
                changed = fixDetermined(t);
            }
        }
    }

    /** Every line: its inner cells, then the margin last. */
    static List<int[][]> lines(Table t) {
        List<int[][]> out = new ArrayList<>();
        for (int i = 0; i <= t.r(); i++) {
            int[][] l = new int[t.c() + 1][];
            for (int j = 0; j <= t.c(); j++) {
                l[j] = new int[] {i, j};
            }
            out.add(l);
        }
        for (int j = 0; j <= t.c(); j++) {
            int[][] l = new int[t.r() + 1][];
            for (int i = 0; i <= t.r(); i++) {
                l[i] = new int[] {i, j};
            }
            out.add(l);
        }
        return out;
    }

    private boolean fixLine(Table t, int[][] line) {
        int[] margin = line[line.length - 1];
        int suppressedCells = 0;
        int suppressedSum = 0;
        for (int k = 0; k < line.length; k++) {
            if (t.suppressed(line[k][0], line[k][1])) {
                suppressedCells++;
                if (k < line.length - 1) {
                    suppressedSum += t.count(line[k][0], line[k][1]);
                }
            }
        }
        boolean marginShown = !t.suppressed(margin[0], margin[1]);
        boolean need = suppressedCells == 1 || (marginShown && suppressedCells > 0 && small(suppressedSum));
        return need && suppressNextSmallest(t, line);
    }

    /** Suppresses the smallest non-zero released inner cell of the line, else its margin. */
    private static boolean suppressNextSmallest(Table t, int[][] line) {
        int[] best = null;
        for (int k = 0; k < line.length - 1; k++) {
            int[] cell = line[k];
            int v = t.count(cell[0], cell[1]);
            if (v > 0 && !t.suppressed(cell[0], cell[1]) && (best == null || v < t.count(best[0], best[1]))) {
                best = cell;
            }
        }
        if (best == null) {
            best = line[line.length - 1];
            if (t.suppressed(best[0], best[1])) {
                return false;
            }
        }
        t.suppress(best[0], best[1]);
        return true;
    }

    private boolean fixDetermined(Table t) {
        for (int[] cell : determined(t)) {
            if (!small(t.count(cell[0], cell[1]))) {
                continue;
            }
            List<int[][]> lines = lines(t);
            if (suppressNextSmallest(t, lines.get(cell[0])) || suppressNextSmallest(t, lines.get(t.r() + 1 + cell[1]))) {
                return true;
            }
            if (!t.suppressed(t.r(), t.c())) {
                t.suppress(t.r(), t.c());
                return true;
            }
        }
        return false;
    }

    /**
     * The suppressed cells whose value the released numbers fix exactly: a variable of the line-sum
     * system that has a pivot in the reduced row echelon form and no free variable in its row.
     */
    static List<int[]> determined(Table t) {
        List<int[]> vars = new ArrayList<>();
        int[][] index = new int[t.r() + 1][t.c() + 1];
        for (int i = 0; i <= t.r(); i++) {
            for (int j = 0; j <= t.c(); j++) {
                index[i][j] = -1;
                if (t.suppressed(i, j)) {
                    index[i][j] = vars.size();
                    vars.add(new int[] {i, j});
                }
            }
        }
        if (vars.isEmpty()) {
            return List.of();
        }
        List<double[]> eqs = new ArrayList<>();
        for (int[][] line : lines(t)) {
            double[] row = new double[vars.size()];
            boolean any = false;
            for (int k = 0; k < line.length; k++) {
                int v = index[line[k][0]][line[k][1]];
                if (v >= 0) {
                    row[v] = k == line.length - 1 ? -1 : 1;
                    any = true;
                }
            }
            if (any) {
                eqs.add(row);
            }
        }
        double[][] a = eqs.toArray(new double[0][]);
        int n = vars.size();
        int[] pivotOfRow = Rref.reduce(a, n);
        List<int[]> out = new ArrayList<>();
        boolean[] isPivot = new boolean[n];
        for (int p : pivotOfRow) {
            if (p >= 0) {
                isPivot[p] = true;
            }
        }
        for (int r = 0; r < a.length; r++) {
            int p = pivotOfRow[r];
            if (p < 0) {
                continue;
            }
            boolean free = false;
            for (int j = 0; j < n && !free; j++) {
                free = !isPivot[j] && Math.abs(a[r][j]) > Rref.EPS;
            }
            if (!free) {
                out.add(vars.get(p));
            }
        }
        return out;
    }
}
