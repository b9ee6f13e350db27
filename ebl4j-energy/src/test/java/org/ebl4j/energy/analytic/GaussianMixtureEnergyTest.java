package org.ebl4j.energy.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GaussianMixtureEnergyTest {
    private static final float[] PI = {0.5f, 0.3f, 0.2f};
    private static final float[][] MU = {{-1.5f, 0f}, {1.5f, 0.5f}, {0f, 2f}};
    private static final float[][][] SIGMA = {{{0.5f, 0.2f}, {0.2f, 0.4f}}, {{0.4f, -0.15f}, {-0.15f, 0.6f}},
            {{0.6f, 0f}, {0f, 0.3f}}};

    private static GaussianMixtureEnergy mixture() {
        return new GaussianMixtureEnergy(PI, MU, SIGMA);
    }

    /** Σ_k π_k N(y; μ_k, Σ_k) in double, with the 2 × 2 inverse and determinant written out. */
    private static double density(double y0, double y1) {
        double p = 0;
        for (int k = 0; k < PI.length; k++) {
            double a = SIGMA[k][0][0];
            double b = SIGMA[k][0][1];
            double c = SIGMA[k][1][1];
            double det = a * c - b * b;
            double d0 = y0 - MU[k][0];
            double d1 = y1 - MU[k][1];
            double q = (c * d0 * d0 - 2 * b * d0 * d1 + a * d1 * d1) / det;
            p += PI[k] * Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
        }
        return p;
    }

    @Test
    void energyIsMinusLogMixtureDensity() {
        Tensor y = new Rng(5).normal(0f, 2f, 20, 2);
        float[] got = mixture().energy(null, y).toArray();
        float[] v = y.toArray();
        for (int b = 0; b < 20; b++) {
            double want = -Math.log(density(v[2 * b], v[2 * b + 1]));
            assertEquals(want, got[b], 1e-4 * (1 + Math.abs(want)), "sample " + b);
        }
    }

    @Test
    void energyStaysFiniteFarFromEveryComponent() {
        // at y = (300, 0) every density underflows in double; the log-sum-exp keeps E ≈ ½ min_k Mahalanobis
        float e = mixture().energy(null, Tensor.of(new float[] {300f, 0f}, 1, 2)).item();
        assertTrue(Float.isFinite(e) && e > 5e4, "E = " + e);
    }

    @Test
    void gradientPassesFiniteDifferenceCheck() {
        GaussianMixtureEnergy e = mixture();
        Tensor y = new Rng(6).normal(0f, 1.5f, 6, 2);
        GradCheck.Result r = GradCheck.check(in -> e.energy(null, in[0]), y);
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void closedFormMeanAndCovarianceMatchQuadratureOfExpMinusEnergy() {
        GaussianMixtureEnergy e = mixture();
        int n = 600;
        double h = 0.02;
        double lo0 = -6.5;
        double lo1 = -5.0;
        float[] pts = new float[n * n * 2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                pts[2 * (i * n + j)] = (float) (lo0 + h * (i + 0.5));
                pts[2 * (i * n + j) + 1] = (float) (lo1 + h * (j + 0.5));
            }
        }
        float[] en = e.energy(null, Tensor.of(pts, n * n, 2)).toArray();
        double z = 0;
        double[] m = new double[2];
        double[][] s = new double[2][2];
        for (int k = 0; k < en.length; k++) {
            double w = Math.exp(-en[k]) * h * h;
            double a = pts[2 * k];
            double b = pts[2 * k + 1];
            z += w;
            m[0] += w * a;
            m[1] += w * b;
            s[0][0] += w * a * a;
            s[0][1] += w * a * b;
            s[1][1] += w * b * b;
        }
        assertEquals(1.0, z, 1e-4, "exp(−E) is a normalised density");
        double[] mean = e.mean();
        double[][] cov = e.covariance();
        assertEquals(mean[0], m[0] / z, 1e-4);
        assertEquals(mean[1], m[1] / z, 1e-4);
        assertEquals(cov[0][0], s[0][0] / z - mean[0] * mean[0], 1e-3);
        assertEquals(cov[0][1], s[0][1] / z - mean[0] * mean[1], 1e-3);
        assertEquals(cov[1][1], s[1][1] / z - mean[1] * mean[1], 1e-3);
        assertEquals(cov[0][1], cov[1][0], 0);
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new GaussianMixtureEnergy(new float[] {0.5f, 0.4f},
                new float[][] {{0, 0}, {1, 1}}, new float[][][] {SIGMA[0], SIGMA[1]}), "weights sum to 0.9");
        assertThrows(IllegalArgumentException.class, () -> new GaussianMixtureEnergy(new float[] {1.5f, -0.5f},
                new float[][] {{0, 0}, {1, 1}}, new float[][][] {SIGMA[0], SIGMA[1]}), "negative weight");
        assertThrows(IllegalArgumentException.class, () -> new GaussianMixtureEnergy(new float[] {0.5f, 0.5f},
                new float[][] {{0, 0}, {1, 1, 1}}, new float[][][] {SIGMA[0], SIGMA[1]}), "ragged means");
        assertThrows(IllegalArgumentException.class, () -> new GaussianMixtureEnergy(new float[] {0.5f, 0.5f},
                new float[][] {{0, 0}, {1, 1}}, new float[][][] {SIGMA[0]}), "missing covariance");
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new GaussianMixtureEnergy(new float[] {1f}, new float[][] {{0, 0}},
                        new float[][][] {{{1, 0}, {0, -1}}}));
        assertTrue(ex.getMessage().contains("positive definite"), ex.getMessage());
    }
}
