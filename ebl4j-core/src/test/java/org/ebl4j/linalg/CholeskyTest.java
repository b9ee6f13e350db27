package org.ebl4j.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.ebl4j.tensor.Rng;
import org.junit.jupiter.api.Test;

class CholeskyTest {
    @Test
    void twoByTwoHasKnownFactor() {
        double[][] a = {{4, 2}, {2, 3}};
        for (LapackKernel k : Matrices.kernels()) {
            Cholesky c = Cholesky.of(a, k);
            double[][] l = c.lower();
            assertArrayEquals(new double[] {2, 0}, l[0], 1e-15, k.name());
            assertArrayEquals(new double[] {1, Math.sqrt(2)}, l[1], 1e-15, k.name());
            assertEquals(Math.log(8), c.logDeterminant(), 1e-14, k.name());
            double[][] inv = c.inverse();
            assertArrayEquals(new double[] {3 / 8.0, -2 / 8.0}, inv[0], 1e-15, k.name());
            assertArrayEquals(new double[] {-2 / 8.0, 4 / 8.0}, inv[1], 1e-15, k.name());
            // A x = b with b = A (1, -1) = (2, -1)
            assertArrayEquals(new double[] {1, -1}, c.solve(new double[] {2, -1}), 1e-14, k.name());
        }
    }

    @Test
    void randomPositiveDefiniteMatrix() {
        int n = 40;
        double[][] a = Matrices.randomSpd(n, 3);
        double[][] b = new double[n][3];
        Rng rng = new Rng(4);
        for (double[] row : b) {
            for (int j = 0; j < 3; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        double logDetFromEigen = 0;
        for (double v : SymmetricEigen.of(a).values()) {
            logDetFromEigen += Math.log(v);
        }
        for (LapackKernel k : Matrices.kernels()) {
            Cholesky c = Cholesky.of(a, k);
            double[][] l = c.lower();
            for (int i = 0; i < n; i++) {
                assertTrue(l[i][i] > 0);
                for (int j = i + 1; j < n; j++) {
                    assertEquals(0, l[i][j], 0, "upper triangle zero");
                }
            }
            assertTrue(Matrices.maxDiff(a, Matrices.multiply(l, Matrices.transpose(l))) < 1e-11, k.name());
            assertTrue(Matrices.maxDiff(b, Matrices.multiply(a, c.solve(b))) < 1e-11, k.name());
            assertTrue(Matrices.maxDiff(Matrices.identity(n), Matrices.multiply(a, c.inverse())) < 1e-13, k.name());
            assertTrue(Matrices.maxDiff(Matrices.identity(n), Matrices.multiply(c.lowerInverse(), l)) < 1e-13,
                    k.name());
            assertEquals(logDetFromEigen, c.logDeterminant(), 1e-10 * Math.abs(logDetFromEigen), k.name());
        }
    }

    @Test
    void nativeAndJavaKernelsAgree() {
        assumeTrue(NativeLapack.isAvailable(), "OpenBLAS not loadable here");
        double[][] a = Matrices.randomSpd(120, 5);
        Cholesky nat = Cholesky.of(a, Lapack.get(Lapack.NATIVE));
        Cholesky java = Cholesky.of(a, Lapack.get(Lapack.JAVA));
        assertTrue(Matrices.maxDiff(nat.lower(), java.lower()) < 1e-12);
        assertTrue(Matrices.maxDiff(nat.inverse(), java.inverse()) < 1e-14);
        assertEquals(nat.logDeterminant(), java.logDeterminant(), 1e-10);
    }

    @Test
    void rejectsMatricesThatAreNotPositiveDefinite() {
        for (LapackKernel k : Matrices.kernels()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Cholesky.of(new double[][] {{1, 2}, {2, 1}}, k));
            assertTrue(e.getMessage().contains("positive definite") && e.getMessage().contains("order 2"),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Cholesky.of(new double[][] {{1, 0.5}, {0.4, 1}}));
        assertThrows(IllegalArgumentException.class, () -> Cholesky.of(new double[][] {{1, 0}, {0}}));
        Cholesky c = Cholesky.of(Matrices.identity(2));
        assertThrows(IllegalArgumentException.class, () -> c.solve(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> c.solve(new double[][] {{1}, {2, 3}}));
    }
}
