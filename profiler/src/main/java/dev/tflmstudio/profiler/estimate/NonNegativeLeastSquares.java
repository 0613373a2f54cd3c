package dev.tflmstudio.profiler.estimate;

/**
 * Least squares with every coefficient at least zero, for a handful of columns: tries each subset of columns,
 * solves the unconstrained problem on it and keeps the feasible solution with the smallest residual. The optimum
 * of a non-negative least-squares problem is the unconstrained optimum on its set of positive coefficients, so
 * enumerating subsets is exact; with at most a few columns (three here) it is also instant.
 */
final class NonNegativeLeastSquares {
    private NonNegativeLeastSquares() {
    }

    /** Coefficients minimising |X b - y|^2 subject to b >= 0; x[row][col]. Columns of zeros get 0. */
    static double[] solve(double[][] x, double[] y) {
        int cols = x.length == 0 ? 0 : x[0].length;
        double[] best = new double[cols];
        double bestSse = sse(x, y, best);
        for (int mask = 1; mask < (1 << cols); mask++) {
            double[] b = solveSubset(x, y, mask, cols);
            if (b == null) {
                continue;
            }
            double e = sse(x, y, b);
            if (e < bestSse) {
                bestSse = e;
                best = b;
            }
        }
        return best;
    }

    /** Unconstrained least squares on the columns in {@code mask}; null if singular or any coefficient < 0. */
    private static double[] solveSubset(double[][] x, double[] y, int mask, int cols) {
        int[] idx = new int[Integer.bitCount(mask)];
        for (int c = 0, k = 0; c < cols; c++) {
            if ((mask & (1 << c)) != 0) {
                idx[k++] = c;
            }
        }
        int n = idx.length;
        // Normal equations (X^T X) b = X^T y, columns scaled to unit norm so the pivots stay well conditioned.
        double[] scale = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (double[] row : x) {
                s += row[idx[j]] * row[idx[j]];
            }
            if (s == 0) {
                return null;
            }
            scale[j] = Math.sqrt(s);
        }
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < n; j++) {
                double xj = x[i][idx[j]] / scale[j];
                for (int k = 0; k < n; k++) {
                    a[j][k] += xj * x[i][idx[k]] / scale[k];
                }
                a[j][n] += xj * y[i];
            }
        }
        for (int p = 0; p < n; p++) {
            int pivot = p;
            for (int r = p + 1; r < n; r++) {
                if (Math.abs(a[r][p]) > Math.abs(a[pivot][p])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][p]) < 1e-12) {
                return null;
            }
            double[] t = a[p];
            a[p] = a[pivot];
            a[pivot] = t;
            for (int r = 0; r < n; r++) {
                if (r != p) {
                    double f = a[r][p] / a[p][p];
                    for (int c = p; c <= n; c++) {
                        a[r][c] -= f * a[p][c];
                    }
                }
            }
        }
        double[] b = new double[cols];
        for (int j = 0; j < n; j++) {
            double v = a[j][n] / a[j][j] / scale[j];
            if (v < 0) {
                return null;
            }
            b[idx[j]] = v;
        }
        return b;
    }

    private static double sse(double[][] x, double[] y, double[] b) {
        double e = 0;
        for (int i = 0; i < x.length; i++) {
            double pred = 0;
            for (int c = 0; c < b.length; c++) {
                pred += x[i][c] * b[c];
            }
            e += (pred - y[i]) * (pred - y[i]);
        }
        return e;
    }
}
