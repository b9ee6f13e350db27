package org.ebl4j.unsupervised.estimation;

/**
 * Double-precision Cholesky factorisation A = LLᵀ of a symmetric positive-definite matrix and the inverse of a
 * lower-triangular matrix by forward substitution: what {@link GaussianModel} needs to turn a covariance into its
 * triangular whitening factor and back.
 */
final class Cholesky {
    private Cholesky() {
    }

    /** The lower-triangular L with LLᵀ = a; {@code who} names the caller when a is not positive definite. */
    static double[][] factor(String who, double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException(who + ": the covariance must be positive definite "
                                + "(Cholesky pivot " + i + " is " + s + ")");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** L⁻¹ of a lower-triangular L with a non-zero diagonal, column by column. */
    static double[][] invertLower(double[][] l) {
        int d = l.length;
        double[][] inv = new double[d][d];
        for (int c = 0; c < d; c++) {
            for (int i = c; i < d; i++) {
                double s = i == c ? 1 : 0;
                for (int k = c; k < i; k++) {
                    s -= l[i][k] * inv[k][c];
                }
                inv[i][c] = s / l[i][i];
            }
        }
        return inv;
    }
}
