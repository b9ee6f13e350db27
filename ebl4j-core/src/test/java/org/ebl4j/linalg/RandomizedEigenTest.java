package org.ebl4j.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Randomized subspace iteration against the dense solver on a matrix with a known spectrum, and the thin-QR kernels
 * it runs on (both LAPACK kernels: orthonormal Q spanning A's columns, even for a rank-deficient A).
 */
class RandomizedEigenTest {
    /** V diag(λ) Vᵀ with a random orthonormal V and λ_i = 0.8^i (i = 0 .. n-1): a decaying spectrum, no ties. */
    private static Tensor decayingSpectrum(int n, long seed) {
        float[] v = new Rng(seed).normal(0, 1, n, n).toArray();
        Lapack.get(Lapack.JAVA).orthonormalize(v, n, n);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int r = 0; r < n; r++) {
                    s += (double) v[i * n + r] * v[j * n + r] * Math.pow(0.8, r);
                }
                a[i][j] = s;
            }
        }
        float[] f = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                f[i * n + j] = (float) (0.5 * (a[i][j] + a[j][i]));
            }
        }
        return Tensor.of(f, n, n);
    }

    @Test
    void topEigenpairsMatchTheDenseSolver() {
        int n = 200;
        int k = 8;
        Tensor a = decayingSpectrum(n, 1);
        SymmetricEigen exact = SymmetricEigen.of(a);
        SymmetricEigen approx = RandomizedEigen.largest(a, k, 10, 7, new Rng(3));
        assertEquals(k, approx.values().length);
        for (int i = 0; i < k; i++) {
            assertEquals(Math.pow(0.8, i), exact.values()[i], 1e-5, "dense eigenvalue " + i);
            assertEquals(exact.values()[i], approx.values()[i], 1e-5 * exact.values()[i], "eigenvalue " + i);
            double dot = 0;
            for (int j = 0; j < n; j++) {
                dot += exact.vector(i)[j] * approx.vector(i)[j];
            }
            assertEquals(1, dot, 1e-4, "eigenvector " + i + " (same sign convention)");
        }
        SymmetricEigen again = RandomizedEigen.largest(a, k, 10, 7, new Rng(3));
        assertArrayEquals(approx.values(), again.values(), "same seed, same result");
    }

    @Test
    void fewerIterationsLeaveALargerError() {
        Tensor a = decayingSpectrum(150, 2);
        double[] exact = SymmetricEigen.of(a).values();
        double coarse = Math.abs(RandomizedEigen.largest(a, 10, 2, 0, new Rng(5)).values()[9] - exact[9]);
        double fine = Math.abs(RandomizedEigen.largest(a, 10, 2, 6, new Rng(5)).values()[9] - exact[9]);
        assertTrue(fine < coarse / 10, "10th eigenvalue error: 0 iterations " + coarse + ", 6 iterations " + fine);
    }

    @Test
    void wholeSpaceFallsBackToTheDenseSolverAndBadArgumentsAreRejected() {
        Tensor a = decayingSpectrum(12, 4);
        assertArrayEquals(SymmetricEigen.largest(a, 3).values(), RandomizedEigen.largest(a, 3, 10, 2, new Rng(1))
                .values());
        assertThrows(IllegalArgumentException.class, () -> RandomizedEigen.largest(a, 0, 1, 1, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> RandomizedEigen.largest(a, 2, -1, 1, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> RandomizedEigen.largest(a, 2, 1, -1, new Rng(1)));
        assertThrows(IllegalArgumentException.class,
                () -> RandomizedEigen.largest(Tensor.zeros(3, 4), 1, 1, 1, new Rng(1)));
    }

    @Test
    void orthonormalizeGivesAnOrthonormalBasisOfTheColumns() {
        int m = 50;
        int n = 7;
        float[] a = new Rng(6).normal(0, 1, m, n).toArray();
        for (int i = 0; i < m; i++) { // column 6 = column 0 + column 1: rank 6
            a[i * n + 6] = a[i * n] + a[i * n + 1];
        }
        for (LapackKernel kernel : Matrices.kernels()) {
            float[] q = a.clone();
            kernel.orthonormalize(q, m, n);
            for (int c = 0; c < n; c++) {
                for (int d = 0; d < n; d++) {
                    double dot = 0;
                    for (int i = 0; i < m; i++) {
                        dot += (double) q[i * n + c] * q[i * n + d];
                    }
                    assertEquals(c == d ? 1 : 0, dot, 1e-5, kernel.name() + ": QᵀQ[" + c + "][" + d + "]");
                }
            }
            for (int c = 0; c < 6; c++) { // each column of A is in span(Q): ||QQᵀa − a|| ≈ 0
                double[] coef = new double[n];
                for (int d = 0; d < n; d++) {
                    for (int i = 0; i < m; i++) {
                        coef[d] += (double) q[i * n + d] * a[i * n + c];
                    }
                }
                for (int i = 0; i < m; i++) {
                    double r = a[i * n + c];
                    for (int d = 0; d < n; d++) {
                        r -= coef[d] * q[i * n + d];
                    }
                    assertEquals(0, r, 1e-4, kernel.name() + ": column " + c + " row " + i);
                }
            }
        }
    }
}
