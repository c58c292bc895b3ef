package nl.klachtenbalie.keys.desk.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every table the desk ever released, with the (keyed-hash) ids of the cases behind each released
 * cell, and the check that runs over all releases together before another is made.
 *
 * <p><b>What the check proves.</b> A reader who holds every release can subtract. For any
 * released cell A — from any release, totals included — the check refuses if either
 * <ol>
 *   <li>another released cell B is a strict subset of A (same cases plus some) and
 *       |A| − |B| is 1 … threshold−1: e.g. the year minus a quarter, national minus regional, or
 *       the same quarter made again after one more report came in; or</li>
 *   <li>the released cells of one <i>family</i> — the inner cells, the row totals or the column
 *       totals of one table, which never overlap — that lie inside A leave 1 … threshold−1
 *       cases of A unaccounted for: e.g. the national total of a kind minus every region shown.</li>
 * </ol>
 * Within a single table the {@link Suppressor} already ensured both. Violations that involve the
 * candidate release are repaired by suppressing the candidate's cell and re-running the
 * suppressor; earlier releases are never changed (they are out in the world).
 *
 * <p><b>What it does not prove.</b> It does not solve the full integer programme of all releases:
 * a small count that only follows from three or more tables combined, or from bounds (a cell must
 * be ≥ 0), can escape it. It treats ids as exact: a case forgotten after a release still counts
 * in that release, as it did when released.
 */
public final class Ledger {

    /** A released cell: where it came from and the sorted ids it counts. */
    record Cell(int release, int table, int family, int r, int c, long[] ids) {
        int size() {
            return ids.length;
        }
    }

    /** A way to subtract released cells that reveals {@code revealed} cases (1 … threshold−1). */
    public record Violation(String rule, String table, int r, int c, int revealed) {
    }

    private final List<LedgerRelease> releases = new ArrayList<>();

    public List<LedgerRelease> releases() {
        return List.copyOf(releases);
    }

    void add(LedgerRelease r) {
        releases.add(r);
    }

    /** The candidate's cells that must be suppressed so that no rule is broken, with the reasons. */
    public Audit audit(List<Table> candidate, int threshold) {
        List<Cell> old = new ArrayList<>();
        List<List<Cell>> oldFamilies = new ArrayList<>();
        for (int i = 0; i < releases.size(); i++) {
            LedgerRelease rel = releases.get(i);
            for (int t = 0; t < rel.tables().size(); t++) {
                collect(cells(rel.tables().get(t), i, t), old, oldFamilies);
            }
        }
        List<Cell> cand = new ArrayList<>();
        List<List<Cell>> candFamilies = new ArrayList<>();
        for (int t = 0; t < candidate.size(); t++) {
            collect(cells(candidate.get(t), -1, t), cand, candFamilies);
        }
        Audit audit = new Audit();
        List<Cell> all = new ArrayList<>(old);
        all.addAll(cand);
        all.sort((a, b) -> Integer.compare(a.size(), b.size()));
        int[] sizes = all.stream().mapToInt(Cell::size).toArray();
        // Rule 1: nesting, candidate against everything.
        for (Cell x : cand) {
            int lo = lowerBound(sizes, x.size() - threshold + 1);
            int hi = lowerBound(sizes, x.size() + threshold);
            for (int k = lo; k < hi; k++) {
                Cell y = all.get(k);
                int d = Math.abs(x.size() - y.size());
                if (d == 0 || d >= threshold) {
                    continue;
                }
                Cell big = x.size() > y.size() ? x : y;
                Cell small = big == x ? y : x;
                if (subset(small.ids(), big.ids())) {
                    audit.add("nesting", candidate, x, d);
                }
            }
        }
        // Rule 2: a cell minus a family of disjoint released cells inside it.
        List<List<Cell>> allFamilies = new ArrayList<>(oldFamilies);
        allFamilies.addAll(candFamilies);
        for (Cell a : cand) {
            for (List<Cell> f : allFamilies) {
                residual(a, f, threshold, candidate, audit);
            }
        }
        for (Cell a : old) {
            for (List<Cell> f : candFamilies) {
                residual(a, f, threshold, candidate, audit);
            }
        }
        return audit;
    }

    private static void residual(Cell a, List<Cell> family, int threshold, List<Table> candidate, Audit audit) {
        long sum = 0;
        boolean any = false;
        Cell largestCandidate = null;
        for (Cell b : family) {
            if (b == a || b.size() > a.size() || !subset(b.ids(), a.ids())) {
                continue;
            }
            if (b.size() == a.size()) {
                return; // the same cases: nothing left to reveal against this family
            }
            any = true;
            sum += b.size();
            if (b.release() < 0 && b.size() > 0 && (largestCandidate == null || b.size() > largestCandidate.size())) {
                largestCandidate = b;
            }
        }
        long left = a.size() - sum;
        if (any && left >= 1 && left < threshold) {
            audit.add("residual", candidate, a.release() < 0 ? a : largestCandidate, (int) left);
        }
    }

    private static void collect(List<List<Cell>> families, List<Cell> cells, List<List<Cell>> out) {
        for (List<Cell> f : families) {
            cells.addAll(f);
            out.add(f);
        }
    }

    /** A table's released cells in families that never overlap: inner cells, row totals, column totals, the grand total. */
    static List<List<Cell>> cells(Table t, int release, int index) {
        List<List<Cell>> out = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i <= t.r(); i++) {
            for (int j = 0; j <= t.c(); j++) {
                if (!t.suppressed(i, j)) {
                    int family = (i == t.r() ? 2 : 0) + (j == t.c() ? 1 : 0);
                    out.get(family).add(new Cell(release, index, family, i, j, t.ids(i, j)));
                }
            }
        }
        return out;
    }

    static boolean subset(long[] small, long[] big) {
        if (small.length > big.length) {
            return false;
        }
        int j = 0;
        for (long v : small) {
            int k = Arrays.binarySearch(big, j, big.length, v);
            if (k < 0) {
                return false;
            }
            j = k + 1;
        }
        return true;
    }

    private static int lowerBound(int[] sorted, int value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The outcome of an audit: violations, and the candidate cells to suppress to repair them. */
    public static final class Audit {
        private final List<Violation> violations = new ArrayList<>();
        private final List<int[]> toSuppress = new ArrayList<>();

        void add(String rule, List<Table> candidate, Cell fix, int revealed) {
            Table t = fix == null ? null : candidate.get(fix.table());
            violations.add(new Violation(rule, t == null ? "" : t.id(), fix == null ? -1 : fix.r(),
                    fix == null ? -1 : fix.c(), revealed));
            if (fix != null && fix.release() < 0) {
                toSuppress.add(new int[] {fix.table(), fix.r(), fix.c()});
            }
        }

        public List<Violation> violations() {
            return List.copyOf(violations);
        }

        public boolean clean() {
            return violations.isEmpty();
        }

        /** {table index, row, column} of candidate cells to suppress. */
        List<int[]> toSuppress() {
            return toSuppress;
        }
    }
}
