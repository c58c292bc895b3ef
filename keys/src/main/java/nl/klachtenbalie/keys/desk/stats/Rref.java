package nl.klachtenbalie.keys.desk.stats;

/**
 * Reduced row echelon form of a small dense matrix, in place. The line-sum systems have
 * coefficients 0 and ±1 and at most a few hundred unknowns, so doubles with a tolerance are exact
 * enough: every pivot is ±1 or a small integer ratio.
 */
final class Rref {

    static final double EPS = 1e-9;

    private Rref() {
    }

    /** Reduces {@code a} (rows × n); returns for each row its pivot column, or -1 for a zero row. */
    static int[] reduce(double[][] a, int n) {
        int rows = a.length;
        int[] pivot = new int[rows];
        java.util.Arrays.fill(pivot, -1);
        int r = 0;
        for (int col = 0; col < n && r < rows; col++) {
            int best = -1;
            for (int i = r; i < rows; i++) {
                if (Math.abs(a[i][col]) > EPS && (best < 0 || Math.abs(a[i][col]) > Math.abs(a[best][col]))) {
                    best = i;
                }
            }
            if (best < 0) {
                continue;
            }
            double[] tmp = a[r];
            a[r] = a[best];
            a[best] = tmp;
            double pv = a[r][col];
            for (int j = 0; j < n; j++) {
                a[r][j] /= pv;
            }
            for (int i = 0; i < rows; i++) {
                if (i != r && Math.abs(a[i][col]) > EPS) {
                    double f = a[i][col];
                    for (int j = 0; j < n; j++) {
                        a[i][j] -= f * a[r][j];
                    }
                }
            }
            pivot[r] = col;
            r++;
        }
        return pivot;
    }
}
