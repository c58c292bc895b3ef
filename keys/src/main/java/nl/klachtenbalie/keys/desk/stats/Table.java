package nl.klachtenbalie.keys.desk.stats;

import java.util.List;

/**
 * A two-way frequency table with its margins, as one (R+1)×(C+1) grid: cell {@code [r][c]} for
 * {@code r < R, c < C}, row totals in column {@code C}, column totals in row {@code R}, the grand
 * total at {@code [R][C]}. Each grid cell may carry the sorted ids of the cases it counts (for the
 * release ledger) and is either released or suppressed. Row and column labels are codes, never
 * text a reporter wrote.
 */
public final class Table {

    private final String id;
    private final String rowDim;
    private final String colDim;
    private final List<String> rows;
    private final List<String> cols;
    private final int[][] count;
    private final boolean[][] suppressed;
    private final long[][][] ids;

    Table(String id, String rowDim, List<String> rows, String colDim, List<String> cols, int[][] count, long[][][] ids) {
        this.id = id;
        this.rowDim = rowDim;
        this.colDim = colDim;
        this.rows = List.copyOf(rows);
        this.cols = List.copyOf(cols);
        this.count = count;
        this.ids = ids;
        this.suppressed = new boolean[rows.size() + 1][cols.size() + 1];
    }

    /** A table from counts of the inner cells only; margins are summed here (tests and the ledger). */
    public static Table of(String id, String rowDim, List<String> rows, String colDim, List<String> cols, int[][] inner) {
        int r = rows.size();
        int c = cols.size();
        int[][] g = new int[r + 1][c + 1];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                g[i][j] = inner[i][j];
                g[i][c] += inner[i][j];
                g[r][j] += inner[i][j];
                g[r][c] += inner[i][j];
            }
        }
        return new Table(id, rowDim, rows, colDim, cols, g, null);
    }

    /** A table as released: {@code values[r][c] < 0} marks a suppressed cell (its count is not kept). */
    static Table released(String id, String rowDim, List<String> rows, String colDim, List<String> cols, int[][] values,
                          long[][][] ids) {
        int[][] count = new int[values.length][];
        for (int i = 0; i < values.length; i++) {
            count[i] = new int[values[i].length];
            for (int j = 0; j < values[i].length; j++) {
                count[i][j] = Math.max(0, values[i][j]);
            }
        }
        Table t = new Table(id, rowDim, rows, colDim, cols, count, ids);
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values[i].length; j++) {
                if (values[i][j] < 0) {
                    t.suppress(i, j);
                }
            }
        }
        return t;
    }

    /** Same shape, same released values and the same cases behind each released cell. */
    boolean sameRelease(Table o) {
        if (!id.equals(o.id) || !rows.equals(o.rows) || !cols.equals(o.cols)) {
            return false;
        }
        for (int i = 0; i <= r(); i++) {
            for (int j = 0; j <= c(); j++) {
                if (released(i, j) != o.released(i, j)
                        || (!suppressed(i, j) && !java.util.Arrays.equals(ids(i, j), o.ids(i, j)))) {
                    return false;
                }
            }
        }
        return true;
    }

    public String id() {
        return id;
    }

    public String rowDim() {
        return rowDim;
    }

    public String colDim() {
        return colDim;
    }

    public List<String> rows() {
        return rows;
    }

    public List<String> cols() {
        return cols;
    }

    /** Number of inner rows R (the total row is index R). */
    public int r() {
        return rows.size();
    }

    /** Number of inner columns C (the total column is index C). */
    public int c() {
        return cols.size();
    }

    /** The true count, released or not: for the desk's own use only. */
    public int count(int r, int c) {
        return count[r][c];
    }

    public boolean suppressed(int r, int c) {
        return suppressed[r][c];
    }

    void suppress(int r, int c) {
        suppressed[r][c] = true;
    }

    /** The ids counted in a grid cell (sorted), or null if this table was built without them. */
    long[] ids(int r, int c) {
        return ids == null ? null : ids[r][c];
    }

    boolean hasIds() {
        return ids != null;
    }

    public int grandTotal() {
        return count[r()][c()];
    }

    /** Every released grid cell's value, -1 for suppressed: what a reader of the release sees. */
    public int released(int r, int c) {
        return suppressed[r][c] ? -1 : count[r][c];
    }

    public int suppressedCount() {
        int n = 0;
        for (boolean[] row : suppressed) {
            for (boolean b : row) {
                n += b ? 1 : 0;
            }
        }
        return n;
    }
}
