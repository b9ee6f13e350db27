package org.ebl4j.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
    @Test
    void twoByTwoHasKnownEigenpairs() {
        for (LapackKernel k : Matrices.kernels()) {
            SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}}, k);
            assertArrayEquals(new double[] {3, 1}, e.values(), 1e-14, k.name());
            double r = Math.sqrt(0.5);
            assertArrayEquals(new double[] {r, r}, e.vector(0), 1e-14, k.name());
            // tie in magnitude: the first coordinate is made positive
            assertArrayEquals(new double[] {r, -r}, e.vector(1), 1e-14, k.name());
        }
    }

    /** The second-difference matrix tridiag(−1, 2, −1): λ_k = 2 − 2 cos(kπ/(n+1)), v_k(j) ∝ sin(jkπ/(n+1)). */
    @Test
    void secondDifferenceMatrixHasClosedFormSpectrum() {
        int n = 12;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = 2;
            if (i > 0) {
                a[i][i - 1] = -1;
                a[i - 1][i] = -1;
            }
        }
        for (LapackKernel kernel : Matrices.kernels()) {
            SymmetricEigen e = SymmetricEigen.of(a, kernel);
            for (int r = 0; r < n; r++) {
                int k = n - r; // descending order: r = 0 is the largest, k = n
                double theta = k * Math.PI / (n + 1);
                assertEquals(2 - 2 * Math.cos(theta), e.values()[r], 1e-13, kernel.name() + " value " + r);
                double[] v = e.vector(r);
                double norm = Math.sqrt((n + 1) / 2.0);
                double sign = Math.signum(v[0]);
                for (int j = 0; j < n; j++) {
                    assertEquals(Math.sin((j + 1) * theta) / norm, sign * v[j], 1e-12, kernel.name() + " vector " + r);
                }
            }
        }
    }

    @Test
    void reconstructsRandomMatrixWithOrthonormalVectors() {
        int n = 60;
        double[][] a = Matrices.randomSymmetric(n, 1);
        for (LapackKernel kernel : Matrices.kernels()) {
            SymmetricEigen e = SymmetricEigen.of(a, kernel);
            double[][] v = e.vectors();
            double[] lambda = e.values();
            double[][] vl = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    vl[i][j] = v[i][j] * lambda[j];
                }
            }
            assertTrue(Matrices.maxDiff(a, Matrices.multiply(vl, Matrices.transpose(v))) < 1e-12, kernel.name());
            assertTrue(Matrices.maxDiff(Matrices.identity(n), Matrices.multiply(Matrices.transpose(v), v)) < 1e-13,
                    kernel.name());
            for (int i = 1; i < n; i++) {
                assertTrue(lambda[i] <= lambda[i - 1], "descending");
            }
        }
    }

    @Test
    void repeatedEigenvaluesAndOneByOne() {
        for (LapackKernel kernel : Matrices.kernels()) {
            double[][] a = Matrices.identity(5);
            for (double[] row : a) {
                java.util.Arrays.setAll(row, j -> row[j] * 3);
            }
            SymmetricEigen e = SymmetricEigen.of(a, kernel);
            assertArrayEquals(new double[] {3, 3, 3, 3, 3}, e.values(), 1e-14);
            assertTrue(Matrices.maxDiff(Matrices.identity(5),
                    Matrices.multiply(Matrices.transpose(e.vectors()), e.vectors())) < 1e-14);
            SymmetricEigen one = SymmetricEigen.of(new double[][] {{-2.5}}, kernel);
            assertArrayEquals(new double[] {-2.5}, one.values(), 0);
            assertArrayEquals(new double[] {1}, one.vector(0), 0);
        }
    }

    @Test
    void nativeAndJavaKernelsAgree() {
        assumeTrue(NativeLapack.isAvailable(), "OpenBLAS not loadable here");
        int n = 150;
        double[][] a = Matrices.randomSymmetric(n, 2);
        SymmetricEigen nat = SymmetricEigen.of(a, Lapack.get(Lapack.NATIVE));
        SymmetricEigen java = SymmetricEigen.of(a, Lapack.get(Lapack.JAVA));
        assertArrayEquals(nat.values(), java.values(), 1e-11);
        // random matrices have well separated eigenvalues (smallest gap here ~1e-2): vectors agree, signs fixed
        assertTrue(Matrices.maxDiff(nat.vectors(), java.vectors()) < 1e-9,
                "max vector difference " + Matrices.maxDiff(nat.vectors(), java.vectors()));
    }

    @Test
    void largestEigenpairsMatchTheFullDecompositionOnBothKernels() {
        for (int n : new int[] {20, 200}) { // below and above Lapack.SMALL_ORDER: the Java and the native kernel
            double[][] a = Matrices.randomSymmetric(n, 3);
            float[] flat = new float[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    flat[i * n + j] = (float) a[i][j];
                }
            }
            SymmetricEigen full = SymmetricEigen.of(a);
            SymmetricEigen top = SymmetricEigen.largest(Tensor.of(flat, n, n), 5);
            assertEquals(5, top.values().length);
            assertThrows(IndexOutOfBoundsException.class, () -> top.vector(5));
            for (int i = 0; i < 5; i++) {
                assertEquals(full.values()[i], top.values()[i], 1e-4 * Math.abs(full.values()[0]), "n=" + n);
                double[] u = full.vector(i);
                double[] v = top.vector(i);
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += u[j] * v[j];
                }
                assertEquals(1, dot, 1e-4, "n=" + n + " eigenvector " + i + " (same sign convention)");
            }
            assertArrayEquals(new int[] {5, n}, top.top(5).shape());
        }
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.largest(Tensor.zeros(3, 3), 4));
    }

    @Test
    void topRowsAsTensorAndTensorInput() {
        Tensor a = Tensor.of(new float[] {4, 1, 0, 1, 3, 0, 0, 0, 1}, 3, 3);
        SymmetricEigen e = SymmetricEigen.of(a);
        Tensor top = e.top(2);
        assertArrayEquals(new int[] {2, 3}, top.shape());
        double[] v0 = e.vector(0);
        for (int j = 0; j < 3; j++) {
            assertEquals(v0[j], top.get(0, j), 1e-7);
        }
        assertEquals((7 + Math.sqrt(5)) / 2, e.values()[0], 1e-12);
        assertEquals(1, e.values()[2], 1e-12);
    }

    @Test
    void rejectsBadMatrices() {
        IllegalArgumentException asym = assertThrows(IllegalArgumentException.class,
                () -> SymmetricEigen.of(new double[][] {{1, 2}, {3, 1}}));
        assertTrue(asym.getMessage().contains("symmetric"), asym.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[0][0]));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> SymmetricEigen.of(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(Tensor.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(Matrices.identity(2)).top(3));
    }
}
