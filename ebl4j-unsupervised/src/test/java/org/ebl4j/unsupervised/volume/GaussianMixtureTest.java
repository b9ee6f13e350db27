package org.ebl4j.unsupervised.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.energy.analytic.GaussianMixtureEnergy;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.ebl4j.unsupervised.volume.GaussianMixture.CovarianceType;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {
    private static final double[] PI = {0.5, 0.3, 0.2};
    private static final double[][] MU = {{-2, 0}, {2, 1}, {0, 3}};
    private static final double[][][] SIGMA = {{{0.6, 0.25}, {0.25, 0.4}}, {{0.5, -0.2}, {-0.2, 0.7}},
            {{0.3, 0}, {0, 0.5}}};

    /** N draws from the mixture (component by inverse CDF, then μ + L g with Σ = LLᵀ written out for 2 x 2). */
    static Tensor sample(int n, double[] pi, double[][] mu, double[][][] sigma, Rng rng) {
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int k = 0;
            while (k < pi.length - 1 && u >= pi[k]) {
                u -= pi[k];
                k++;
            }
            double l00 = Math.sqrt(sigma[k][0][0]);
            double l10 = sigma[k][1][0] / l00;
            double l11 = Math.sqrt(sigma[k][1][1] - l10 * l10);
            double g0 = rng.nextGaussian();
            double g1 = rng.nextGaussian();
            out[2 * i] = (float) (mu[k][0] + l00 * g0);
            out[2 * i + 1] = (float) (mu[k][1] + l10 * g0 + l11 * g1);
        }
        return Tensor.of(out, n, 2);
    }

    /** −log Σ_k π_k N(y; μ_k, Σ_k) in double for 2-D points, with the 2 x 2 inverse written out. */
    private static double freeEnergy(double y0, double y1, GaussianMixture m) {
        float[] pi = m.weights().toArray();
        float[] mu = m.means().toArray();
        float[] s = m.covariances().toArray();
        double p = 0;
        for (int k = 0; k < pi.length; k++) {
            double a = s[4 * k];
            double b = s[4 * k + 1];
            double c = s[4 * k + 3];
            double det = a * c - b * b;
            double d0 = y0 - mu[2 * k];
            double d1 = y1 - mu[2 * k + 1];
            double q = (c * d0 * d0 - 2 * b * d0 * d1 + a * d1 * d1) / det;
            p += pi[k] * Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
        }
        return -Math.log(p);
    }

    @Test
    void logLikelihoodNeverDecreasesDuringEm() {
        // heavily overlapping components so EM takes many steps
        double[][] mu = {{-1, 0}, {1, 0.5}, {0, 1.5}};
        Tensor data = sample(2000, PI, mu, SIGMA, new Rng(1));
        for (CovarianceType type : CovarianceType.values()) {
            for (GaussianMixture.Init init : GaussianMixture.Init.values()) {
                GaussianMixture gm = new GaussianMixture(3, type, new Rng(2)).init(init).tolerance(1e-7)
                        .maxIterations(300).fit(data);
                double[] h = gm.logLikelihoodHistory();
                assertTrue(h.length > 10, type + " " + init + ": only " + h.length + " iterations");
                for (int t = 1; t < h.length; t++) {
                    assertTrue(h[t] >= h[t - 1] - 1e-6, type + " " + init + " step " + t + ": " + h[t - 1] + " -> "
                            + h[t]);
                }
                assertTrue(h[h.length - 1] > h[0] + 0.01, type + " " + init + ": " + h[0] + " -> "
                        + h[h.length - 1]);
                assertEquals(h[h.length - 1], gm.score(data), 1e-5);
                assertEquals(gm.iterations(), h.length);
            }
        }
    }

    @Test
    void recoversGeneratingParameters() {
        Tensor data = sample(6000, PI, MU, SIGMA, new Rng(3));
        for (GaussianMixture.Init init : GaussianMixture.Init.values()) {
            GaussianMixture gm = new GaussianMixture(3, CovarianceType.FULL, new Rng(4)).init(init).tolerance(1e-6)
                    .fit(data);
            assertTrue(gm.converged());
            float[] pi = gm.weights().toArray();
            float[] mu = gm.means().toArray();
            float[] s = gm.covariances().toArray();
            for (int t = 0; t < 3; t++) {
                int k = 0; // the fitted component nearest the true one
                for (int c = 1; c < 3; c++) {
                    if (Math.hypot(mu[2 * c] - MU[t][0], mu[2 * c + 1] - MU[t][1])
                            < Math.hypot(mu[2 * k] - MU[t][0], mu[2 * k + 1] - MU[t][1])) {
                        k = c;
                    }
                }
                String where = init + " component " + t;
                assertEquals(PI[t], pi[k], 0.03, where + " weight");
                assertEquals(MU[t][0], mu[2 * k], 0.08, where + " mean");
                assertEquals(MU[t][1], mu[2 * k + 1], 0.08, where + " mean");
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        assertEquals(SIGMA[t][i][j], s[4 * k + 2 * i + j], 0.1, where + " covariance");
                    }
                }
            }
        }
    }

    @Test
    void diagonalCovariancesFitAxisAlignedComponents() {
        double[][][] axis = {{{0.6, 0}, {0, 0.2}}, {{0.3, 0}, {0, 0.8}}, {{0.4, 0}, {0, 0.4}}};
        Tensor data = sample(4000, PI, MU, axis, new Rng(5));
        GaussianMixture gm = new GaussianMixture(3, CovarianceType.DIAGONAL, new Rng(6)).tolerance(1e-6).fit(data);
        float[] mu = gm.means().toArray();
        float[] s = gm.covariances().toArray();
        for (int k = 0; k < 3; k++) {
            int t = 0;
            for (int c = 1; c < 3; c++) {
                if (Math.hypot(mu[2 * k] - MU[c][0], mu[2 * k + 1] - MU[c][1])
                        < Math.hypot(mu[2 * k] - MU[t][0], mu[2 * k + 1] - MU[t][1])) {
                    t = c;
                }
            }
            assertEquals(0, s[4 * k + 1], 0, "off-diagonal");
            assertEquals(0, s[4 * k + 2], 0, "off-diagonal");
            assertEquals(axis[t][0][0], s[4 * k], 0.06, "variance 0 of " + t);
            assertEquals(axis[t][1][1], s[4 * k + 3], 0.06, "variance 1 of " + t);
        }
    }

    @Test
    void freeEnergyIsMinusLogDensity() {
        Tensor data = sample(1500, PI, MU, SIGMA, new Rng(7));
        Tensor y = new Rng(8).normal(0.5f, 2.5f, 25, 2);
        float[] yv = y.toArray();
        for (CovarianceType type : CovarianceType.values()) {
            GaussianMixture gm = new GaussianMixture(3, type, new Rng(9)).fit(data);
            float[] f = gm.freeEnergy(y).toArray();
            for (int i = 0; i < 25; i++) {
                double want = freeEnergy(yv[2 * i], yv[2 * i + 1], gm);
                assertEquals(want, f[i], 1e-4 * (1 + Math.abs(want)), type + " point " + i);
            }
            assertArrayEquals(f, gm.energy(y).toArray(), 0f);
            // the same density through the energy module's analytic mixture
            float[] pi = gm.weights().toArray();
            float[][] mu = new float[3][];
            float[][][] sigma = new float[3][2][];
            for (int k = 0; k < 3; k++) {
                mu[k] = gm.means().slice(0, k, k + 1).toArray();
                for (int i = 0; i < 2; i++) {
                    sigma[k][i] = gm.covariances().slice(0, k, k + 1).slice(1, i, i + 1).toArray();
                }
            }
            assertArrayEquals(new GaussianMixtureEnergy(pi, mu, sigma).energy(null, y).toArray(), f, 1e-3f);
            // responsibilities: p(k | y) = π_k N_k(y) / p(y), rows summing to 1
            Tensor r = gm.transform(y);
            Tensor expected = gm.logJoint(y).add(gm.freeEnergy(y).unsqueeze(1)).exp();
            assertArrayEquals(expected.toArray(), r.toArray(), 1e-5f);
            float[] sums = r.sum(1, false).toArray();
            for (float s : sums) {
                assertEquals(1, s, 1e-5);
            }
            GradCheck.Result g = GradCheck.check(in -> gm.freeEnergy(in[0]), y.slice(0, 0, 6).contiguousCopy());
            assertTrue(g.passed(), type + " " + g);
        }
    }

    @Test
    void restartsKeepTheHighestLikelihood() {
        Tensor data = sample(600, PI, new double[][] {{-1, 0}, {1, 0.5}, {0, 1.5}}, SIGMA, new Rng(10));
        Rng single = new Rng(11);
        GaussianMixture one = new GaussianMixture(4, CovarianceType.FULL, single)
                .init(GaussianMixture.Init.KMEANS_PLUS_PLUS);
        double best = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < 4; r++) {
            best = Math.max(best, one.fit(data).score(data));
        }
        GaussianMixture kept = new GaussianMixture(4, CovarianceType.FULL, new Rng(11))
                .init(GaussianMixture.Init.KMEANS_PLUS_PLUS).restarts(4).fit(data);
        assertEquals(best, kept.score(data), 1e-6);
    }

    @Test
    void rejectsBadSettingsAndCollapsedComponents() {
        Rng rng = new Rng(12);
        assertThrows(IllegalArgumentException.class, () -> new GaussianMixture(0, CovarianceType.FULL, rng));
        assertThrows(IllegalArgumentException.class, () -> new GaussianMixture(2, null, rng));
        assertThrows(IllegalArgumentException.class, () -> new GaussianMixture(2, CovarianceType.FULL, null));
        GaussianMixture gm = new GaussianMixture(2, CovarianceType.DIAGONAL, rng);
        assertThrows(IllegalArgumentException.class, () -> gm.regCovar(-1e-3));
        assertThrows(IllegalArgumentException.class, () -> gm.tolerance(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> gm.maxIterations(0));
        assertThrows(IllegalArgumentException.class, () -> gm.restarts(0));
        assertThrows(IllegalArgumentException.class, () -> gm.init(null));
        assertThrows(IllegalStateException.class, () -> gm.freeEnergy(Tensor.zeros(2, 2)));
        // ten copies of one point and ten spread points: with no regularisation one component collapses
        float[] v = new float[40];
        for (int i = 10; i < 20; i++) {
            v[2 * i] = 5 + i;
            v[2 * i + 1] = (float) Math.sin(i);
        }
        Tensor collapsed = Tensor.of(v, 20, 2);
        for (CovarianceType type : CovarianceType.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new GaussianMixture(2, type, new Rng(13)).regCovar(0).fit(collapsed));
            assertTrue(e.getMessage().contains("regCovar"), e.getMessage());
            // the default regularisation keeps it finite
            GaussianMixture ok = new GaussianMixture(2, type, new Rng(13)).fit(collapsed);
            assertTrue(Double.isFinite(ok.score(collapsed)));
        }
        GaussianMixture fitted = new GaussianMixture(2, CovarianceType.FULL, rng).fit(collapsed);
        assertThrows(IllegalArgumentException.class, () -> fitted.transform(Tensor.zeros(3, 3)));
    }
}
