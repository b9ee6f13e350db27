package org.ebl4j.linalg;

import java.util.Arrays;

/**
 * {@link LapackKernel} in pure Java, the fallback when OpenBLAS cannot be loaded.
 *
 * <p>Symmetric eigendecomposition: Householder reduction to tridiagonal form followed by the implicit QL algorithm
 * with Wilkinson shifts, EISPACK's tred2 and tql2 (Wilkinson &amp; Reinsch, "Handbook for Automatic Computation II,
 * Linear Algebra", 1971; as in the public-domain JAMA package), O(n³). The QL rotations act on rows of Vᵀ so they
 * stream through memory. Cholesky: the row-by-row (Cholesky–Banachiewicz) factorisation; triangular solves by
 * forward / backward substitution over rows of B.
 */
public final class JavaLapack implements LapackKernel {
    /** QL sweeps allowed per eigenvalue before giving up (LAPACK's dsteqr allows 30). */
    private static final int MAX_SWEEPS = 30;

    @Override
    public String name() {
        return Lapack.JAVA;
    }

    @Override
    public void symmetricEigen(double[] a, int n, double[] values) {
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                v[i][j] = a[i * n + j];
                v[j][i] = a[i * n + j];
            }
        }
        double[] off = new double[n];
        tridiagonalize(v, values, off);
        double[][] vt = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                vt[j][i] = v[i][j];
            }
        }
        diagonalize(vt, values, off);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                a[i * n + j] = vt[j][i];
            }
        }
    }

    /**
     * tred2: reduces the symmetric {@code v} to tridiagonal form by orthogonal similarity, leaving the diagonal in
     * {@code d}, the sub-diagonal in {@code e[1..n-1]} and the accumulated transformation in {@code v}.
     */
    private static void tridiagonalize(double[][] v, double[] d, double[] e) {
        int n = d.length;
        System.arraycopy(v[n - 1], 0, d, 0, n);
        for (int i = n - 1; i > 0; i--) {
            double scale = 0;
            double h = 0;
            for (int k = 0; k < i; k++) {
                scale += Math.abs(d[k]);
            }
            if (scale == 0) {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++) {
                    d[j] = v[i - 1][j];
                    v[i][j] = 0;
                    v[j][i] = 0;
                }
            } else {
                for (int k = 0; k < i; k++) {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                double f = d[i - 1];
                double g = Math.sqrt(h);
                if (f > 0) {
                    g = -g;
                }
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (int j = 0; j < i; j++) {
                    e[j] = 0;
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    v[j][i] = f;
                    g = e[j] + v[j][j] * f;
                    for (int k = j + 1; k <= i - 1; k++) {
                        g += v[k][j] * d[k];
                        e[k] += v[k][j] * f;
                    }
                    e[j] = g;
                }
                f = 0;
                for (int j = 0; j < i; j++) {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                double hh = f / (h + h);
                for (int j = 0; j < i; j++) {
                    e[j] -= hh * d[j];
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    g = e[j];
                    for (int k = j; k <= i - 1; k++) {
                        v[k][j] -= f * e[k] + g * d[k];
                    }
                    d[j] = v[i - 1][j];
                    v[i][j] = 0;
                }
            }
            d[i] = h;
        }
        for (int i = 0; i < n - 1; i++) {
            v[n - 1][i] = v[i][i];
            v[i][i] = 1;
            double h = d[i + 1];
            if (h != 0) {
                for (int k = 0; k <= i; k++) {
                    d[k] = v[k][i + 1] / h;
                }
                for (int j = 0; j <= i; j++) {
                    double g = 0;
                    for (int k = 0; k <= i; k++) {
                        g += v[k][i + 1] * v[k][j];
                    }
                    for (int k = 0; k <= i; k++) {
                        v[k][j] -= g * d[k];
                    }
                }
            }
            for (int k = 0; k <= i; k++) {
                v[k][i + 1] = 0;
            }
        }
        for (int j = 0; j < n; j++) {
            d[j] = v[n - 1][j];
            v[n - 1][j] = 0;
        }
        v[n - 1][n - 1] = 1;
        e[0] = 0;
    }

    /**
     * tql2: diagonalises the tridiagonal matrix (d, e) by implicit QL iterations, applying the rotations to the
     * rows of {@code vt} (the transposed eigenvector matrix), then sorts eigenvalues ascending.
     */
    private static void diagonalize(double[][] vt, double[] d, double[] e) {
        int n = d.length;
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        e[n - 1] = 0;
        double f = 0;
        double tst1 = 0;
        double eps = Math.ulp(1.0);
        for (int l = 0; l < n; l++) {
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n && Math.abs(e[m]) > eps * tst1) {
                m++;
            }
            if (m > l) {
                int sweeps = 0;
                do {
                    if (++sweeps > MAX_SWEEPS) {
                        throw new ArithmeticException("symmetric eigendecomposition: QL iteration did not converge "
                                + "for eigenvalue " + l + " of " + n);
                    }
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2 * e[l]);
                    double r = Math.hypot(p, 1);
                    if (p < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    p = d[m];
                    double c = 1;
                    double c2 = c;
                    double c3 = c;
                    double el1 = e[l + 1];
                    double s = 0;
                    double s2 = 0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Math.hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        double[] lo = vt[i];
                        double[] hi = vt[i + 1];
                        for (int k = 0; k < n; k++) {
                            double t = hi[k];
                            hi[k] = s * lo[k] + c * t;
                            lo[k] = c * lo[k] - s * t;
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0;
        }
        for (int i = 0; i < n - 1; i++) {
            int k = i;
            double p = d[i];
            for (int j = i + 1; j < n; j++) {
                if (d[j] < p) {
                    k = j;
                    p = d[j];
                }
            }
            if (k != i) {
                d[k] = d[i];
                d[i] = p;
                double[] t = vt[i];
                vt[i] = vt[k];
                vt[k] = t;
            }
        }
    }

    /** The full decomposition in double, then the last k columns (the largest eigenvalues). */
    @Override
    public void symmetricEigenLargest(float[] a, int n, int k, float[] values, float[] vectors) {
        double[] m = new double[n * n];
        for (int i = 0; i < m.length; i++) {
            m[i] = a[i];
        }
        double[] all = new double[n];
        symmetricEigen(m, n, all);
        for (int j = 0; j < k; j++) {
            values[j] = (float) all[n - k + j];
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                vectors[i * k + j] = (float) m[i * n + n - k + j];
            }
        }
    }

    @Override
    public int cholesky(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            for (int j = 0; j <= i; j++) {
                int rj = j * n;
                double s = a[ri + j];
                for (int k = 0; k < j; k++) {
                    s -= a[ri + k] * a[rj + k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return i + 1;
                    }
                    a[ri + i] = Math.sqrt(s);
                } else {
                    a[ri + j] = s / a[rj + j];
                }
            }
            for (int j = i + 1; j < n; j++) {
                a[ri + j] = 0;
            }
        }
        return 0;
    }

    @Override
    public void lowerSolve(double[] l, int n, double[] b, int nrhs, boolean transpose) {
        // one array per row of B: the update ri[c] -= l_ik rk[c] then indexes both rows alike, which lets the JIT
        // vectorise it (with two offsets into one array it cannot rule out overlap and runs one element at a time)
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(b, i * nrhs, (i + 1) * nrhs);
        }
        for (int step = 0; step < n; step++) {
            int i = transpose ? n - 1 - step : step;
            double[] ri = rows[i];
            int kFrom = transpose ? i + 1 : 0;
            int kTo = transpose ? n : i;
            for (int k = kFrom; k < kTo; k++) {
                double lik = transpose ? l[k * n + i] : l[i * n + k];
                if (lik != 0) {
                    double[] rk = rows[k];
                    for (int c = 0; c < nrhs; c++) {
                        ri[c] -= lik * rk[c];
                    }
                }
            }
            double pivot = l[i * n + i];
            if (pivot == 0) {
                throw new ArithmeticException("triangular solve: the matrix is singular (zero pivot " + i + ")");
            }
            for (int c = 0; c < nrhs; c++) {
                ri[c] /= pivot;
            }
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, b, i * nrhs, nrhs);
        }
    }

    /**
     * Householder QR in double (Golub &amp; Van Loan, Algorithm 5.2.1), then Q formed by applying the reflectors
     * H₁ ⋯ H_n to the first n columns of the identity, backwards.
     */
    @Override
    public void orthonormalize(float[] a, int m, int n) {
        double[][] v = new double[n][]; // reflector j acts on rows j..m-1: H_j = I − 2 v vᵀ / vᵀv
        double[][] col = new double[n][m];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                col[j][i] = a[i * n + j];
            }
        }
        for (int j = 0; j < n; j++) {
            double norm = 0;
            for (int i = j; i < m; i++) {
                norm += col[j][i] * col[j][i];
            }
            norm = Math.sqrt(norm);
            double[] u = new double[m - j];
            for (int i = j; i < m; i++) {
                u[i - j] = col[j][i];
            }
            u[0] += col[j][j] >= 0 ? norm : -norm; // sign chosen against cancellation
            double uu = 0;
            for (double x : u) {
                uu += x * x;
            }
            v[j] = uu == 0 ? null : u; // a zero column: no reflection
            if (v[j] != null) {
                for (int c = j + 1; c < n; c++) {
                    reflect(u, uu, col[c], j);
                }
            }
        }
        double[] q = new double[m];
        for (int c = 0; c < n; c++) {
            Arrays.fill(q, 0);
            q[c] = 1;
            for (int j = n - 1; j >= 0; j--) {
                if (v[j] != null) {
                    double uu = 0;
                    for (double x : v[j]) {
                        uu += x * x;
                    }
                    reflect(v[j], uu, q, j);
                }
            }
            for (int i = 0; i < m; i++) {
                a[i * n + c] = (float) q[i];
            }
        }
    }

    /** x[from..] ← (I − 2uuᵀ/uᵀu) x[from..]. */
    private static void reflect(double[] u, double uu, double[] x, int from) {
        double dot = 0;
        for (int i = 0; i < u.length; i++) {
            dot += u[i] * x[from + i];
        }
        double f = 2 * dot / uu;
        for (int i = 0; i < u.length; i++) {
            x[from + i] -= f * u[i];
        }
    }
}
