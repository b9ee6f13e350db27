package org.ebl4j.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class WhiteningTest {
    private static final int N = 4000;
    private static final int D = 6;

    /** Correlated Gaussian rows: white noise times a fixed mixing matrix, plus an offset. */
    private static Tensor correlated(long seed) {
        Tensor mixing = new Rng(99).normal(0, 1, D, D);
        return new Rng(seed).normal(0, 1, N, D).matmul(mixing).add(Tensor.arange(D));
    }

    /** The sample covariance (divisor N − 1) of the rows of x, in double. */
    private static double[][] covariance(Tensor x) {
        int n = x.shape(0);
        int d = x.shape(1);
        float[] v = x.toArray();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += v[i * d + j] / (double) n;
            }
        }
        double[][] c = new double[d][d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    c[a][b] += (v[i * d + a] - mean[a]) * (v[i * d + b] - mean[b]) / (n - 1);
                }
            }
        }
        return c;
    }

    private static void assertIdentity(double[][] c, double tolerance) {
        for (int a = 0; a < c.length; a++) {
            for (int b = 0; b < c.length; b++) {
                assertEquals(a == b ? 1 : 0, c[a][b], tolerance, "covariance[" + a + "][" + b + "]");
            }
        }
    }

    @Test
    void pcaAndZcaGiveIdentityCovarianceAndZeroMean() {
        Tensor x = correlated(1);
        for (Whitening.Kind kind : Whitening.Kind.values()) {
            Whitening w = Whitening.fit(x, kind, 0);
            assertEquals(D, w.rank());
            Tensor z = w.apply(x);
            assertArrayEquals(new int[] {N, D}, z.shape());
            assertIdentity(covariance(z), 2e-3);
            for (float m : z.mean(0, false).toArray()) {
                assertEquals(0, m, 1e-3, kind + " mean");
            }
        }
    }

    @Test
    void zcaIsThePcaCodeRotatedBackAndSymmetric() {
        Tensor x = correlated(2);
        Whitening pca = Whitening.fit(x, Whitening.Kind.PCA, 0.3);
        Whitening zca = Whitening.fit(x, Whitening.Kind.ZCA, 0.3);
        assertArrayEquals(pca.apply(x).matmul(pca.components()).toArray(), zca.apply(x).toArray(), 2e-4f);
        assertArrayEquals(zca.matrix().toArray(), zca.matrix().t().contiguous().toArray(), 1e-5f);
        // components orthonormal, variances the data's variance along them
        assertArrayEquals(Tensor.zeros(D, D).add(eye()).toArray(),
                pca.components().matmul(pca.components().t()).toArray(), 1e-5f);
        double[] lambda = pca.variances();
        double[][] projected = covariance(x.matmul(pca.components().t()));
        for (int i = 0; i < D; i++) {
            assertEquals(lambda[i], projected[i][i], 1e-3 * lambda[i]);
            assertTrue(i == 0 || lambda[i] <= lambda[i - 1]);
        }
    }

    private static Tensor eye() {
        float[] v = new float[D * D];
        for (int i = 0; i < D; i++) {
            v[i * D + i] = 1;
        }
        return Tensor.of(v, D, D);
    }

    @Test
    void epsilonShrinksEachDirectionToLambdaOverLambdaPlusEpsilon() {
        Tensor x = correlated(3);
        double eps = 2.0;
        Whitening w = Whitening.fit(x, Whitening.Kind.PCA, eps);
        double[] lambda = w.variances();
        double[][] c = covariance(w.apply(x));
        for (int a = 0; a < D; a++) {
            for (int b = 0; b < D; b++) {
                assertEquals(a == b ? lambda[a] / (lambda[a] + eps) : 0, c[a][b], 2e-3);
            }
        }
        // ZCA: V diag(λ/(λ+ε)) Vᵀ
        double[][] zc = covariance(Whitening.fit(x, Whitening.Kind.ZCA, eps).apply(x));
        float[] v = w.components().toArray();
        for (int a = 0; a < D; a++) {
            for (int b = 0; b < D; b++) {
                double expected = 0;
                for (int i = 0; i < D; i++) {
                    expected += v[i * D + a] * lambda[i] / (lambda[i] + eps) * v[i * D + b];
                }
                assertEquals(expected, zc[a][b], 2e-3);
            }
        }
    }

    @Test
    void meanRemovedPatchesLoseTheConstantDirection() {
        Tensor image = new Rng(4).uniform(0, 1, 40, 40);
        Tensor patches = Patches.removeMean(Patches.random(java.util.List.of(image), 3, 3000, new Rng(5)));
        Whitening pca = Whitening.fit(patches, Whitening.Kind.PCA, 0);
        assertEquals(8, pca.rank());
        assertEquals(8, Whitening.fit(patches, Whitening.Kind.PCA, 0.1).rank()); // ε does not revive it
        assertIdentity(covariance(pca.apply(patches)), 2e-3);
        Whitening zca = Whitening.fit(patches, Whitening.Kind.ZCA, 0);
        Tensor z = zca.apply(patches);
        assertArrayEquals(new int[] {3000, 9}, z.shape());
        // ZCA keeps rows zero-mean (the constant direction maps to 0) and whitens the other 8
        for (float m : z.mean(1, false).toArray()) {
            assertEquals(0, m, 1e-4);
        }
        double[][] c = covariance(z);
        for (int a = 0; a < 9; a++) {
            for (int b = 0; b < 9; b++) {
                assertEquals((a == b ? 1 : 0) - 1 / 9.0, c[a][b], 3e-3, "[" + a + "][" + b + "]");
            }
        }
    }

    @Test
    void badInputIsRejected() {
        assertEquals("Whitening.fit: data must be a matrix [N, d] with N >= 2 rows, got [1, 3]",
                assertThrows(IllegalArgumentException.class,
                        () -> Whitening.fit(Tensor.ones(1, 3), Whitening.Kind.ZCA, 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Whitening.fit(Tensor.ones(4, 3), Whitening.Kind.ZCA, -1)).getMessage().contains("epsilon"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Whitening.fit(Tensor.ones(4, 3), Whitening.Kind.PCA, 1)).getMessage().contains(
                        "no variance"));
        Whitening w = Whitening.fit(correlated(6), Whitening.Kind.ZCA, 0.1);
        assertEquals("Whitening.apply: data must be [N, 6], got [2, 5]",
                assertThrows(IllegalArgumentException.class, () -> w.apply(Tensor.ones(2, 5))).getMessage());
    }
}
