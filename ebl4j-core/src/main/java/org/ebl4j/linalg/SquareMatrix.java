package org.ebl4j.linalg;

import java.util.Arrays;

import org.ebl4j.tensor.Tensor;

/** Checks and converts the square matrices handed to the factorisations: row-major double arrays of n x n. */
final class SquareMatrix {
    private SquareMatrix() {
    }

    /**
     * {@code a} as a row-major n x n array, after checking it is square, non-empty, finite and (when
     * {@code symmetric}) symmetric to within 1e-6 of its largest entry; {@code who} names the caller in errors.
     */
    static double[] flatten(String who, double[][] a, boolean symmetric) {
        if (a == null || a.length == 0) {
            throw new IllegalArgumentException(who + ": needs a non-empty n x n matrix, got "
                    + (a == null ? "null" : "0 rows"));
        }
        int n = a.length;
        for (int i = 0; i < n; i++) {
            if (a[i] == null || a[i].length != n) {
                throw new IllegalArgumentException(who + ": matrix must be square (" + n + " x " + n + "), row " + i
                        + " has " + (a[i] == null ? "no" : String.valueOf(a[i].length)) + " entries");
            }
        }
        double[] flat = flat(a, n);
        check(who, flat, n, symmetric);
        return flat;
    }

    /** The values of a square float tensor [n, n] as a row-major double array, checked like {@link #flatten}. */
    static double[] flatten(String who, Tensor a, boolean symmetric) {
        if (a.dim() != 2 || a.shape(0) != a.shape(1) || a.shape(0) == 0) {
            throw new IllegalArgumentException(who + ": needs a non-empty square matrix [n, n], got shape "
                    + Arrays.toString(a.shape()));
        }
        float[] v = a.toArray();
        double[] flat = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            flat[i] = v[i];
        }
        check(who, flat, a.shape(0), symmetric);
        return flat;
    }

    private static void check(String who, double[] flat, int n, boolean symmetric) {
        double largest = 0;
        for (int i = 0; i < n * n; i++) {
            double x = flat[i];
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException(who + ": entry (" + i / n + ", " + i % n + ") is " + x);
            }
            largest = Math.max(largest, Math.abs(x));
        }
        if (symmetric) {
            // relative to the largest entry, so the rounding of a computed A = XᵀX passes and a typo does not
            double tolerance = 1e-6 * largest;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    double x = flat[i * n + j];
                    double y = flat[j * n + i];
                    if (Math.abs(x - y) > tolerance) {
                        throw new IllegalArgumentException(who + ": matrix must be symmetric, entry (" + i + ", " + j
                                + ") = " + x + " but (" + j + ", " + i + ") = " + y);
                    }
                }
            }
        }
    }

    /** Rows of m entries each (already checked) as one row-major array. */
    static double[] flat(double[][] rows, int m) {
        double[] x = new double[rows.length * m];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, x, i * m, m);
        }
        return x;
    }

    /** A row-major n x m array as rows. */
    static double[][] rows(double[] flat, int n, int m) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * m, (i + 1) * m);
        }
        return out;
    }
}
