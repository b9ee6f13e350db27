package org.ebl4j.energy.analytic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GaussianEnergyTest {
    private static final float[] MU = {1f, -2f};
    private static final float[][] SIGMA = {{2f, 1.2f}, {1.2f, 1f}};

    /** Σ⁻¹ of the 2 × 2 SIGMA by the adjugate formula. */
    private static double[][] precision() {
        double det = (double) SIGMA[0][0] * SIGMA[1][1] - (double) SIGMA[0][1] * SIGMA[1][0];
        return new double[][] {{SIGMA[1][1] / det, -SIGMA[0][1] / det}, {-SIGMA[1][0] / det, SIGMA[0][0] / det}};
    }

    @Test
    void energyIsHalfTheMahalanobisDistanceAndGradientIsPrecisionTimesOffset() {
        GaussianEnergy e = new GaussianEnergy(MU, SIGMA);
        Tensor y = new Rng(3).normal(0f, 2f, 6, 2);
        float[] got = e.energy(null, y).toArray();
        float[] grad = e.gradientY(null, y).toArray();
        double[][] p = precision();
        float[] v = y.toArray();
        for (int b = 0; b < 6; b++) {
            double d0 = v[2 * b] - MU[0];
            double d1 = v[2 * b + 1] - MU[1];
            double q = d0 * (p[0][0] * d0 + p[0][1] * d1) + d1 * (p[1][0] * d0 + p[1][1] * d1);
            assertEquals(0.5 * q, got[b], 1e-4 * (1 + q));
            assertEquals(p[0][0] * d0 + p[0][1] * d1, grad[2 * b], 1e-4);
            assertEquals(p[1][0] * d0 + p[1][1] * d1, grad[2 * b + 1], 1e-4);
        }
        assertEquals(0f, e.energy(null, Tensor.of(MU.clone(), 1, 2)).item(), 1e-6);
    }

    @Test
    void gradientPassesFiniteDifferenceCheck() {
        GaussianEnergy e = new GaussianEnergy(MU, SIGMA);
        Tensor y = new Rng(4).normal(0f, 1f, 5, 2);
        GradCheck.Result r = GradCheck.check(in -> e.energy(null, in[0]), y);
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void statisticsAndLogPartitionMatchQuadratureOnAGrid() {
        GaussianEnergy e = new GaussianEnergy(MU, SIGMA);
        assertArrayEquals(new double[] {1, -2}, e.mean(), 1e-7);
        assertEquals(1.2, e.covariance()[0][1], 1e-7);
        for (double beta : new double[] {1, 2}) {
            // ∫ exp(−βE) over [μ ± 8σ]², midpoint rule, h = 0.02
            int n = 800;
            double h = 0.02;
            float[] pts = new float[n * n * 2];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    pts[2 * (i * n + j)] = (float) (MU[0] - 8 + h * (i + 0.5));
                    pts[2 * (i * n + j) + 1] = (float) (MU[1] - 8 + h * (j + 0.5));
                }
            }
            float[] en = e.energy(null, Tensor.of(pts, n * n, 2)).toArray();
            double z = 0;
            double vy = 0;
            for (int k = 0; k < en.length; k++) {
                double w = Math.exp(-beta * en[k]) * h * h;
                z += w;
                vy += w * (pts[2 * k + 1] - MU[1]) * (pts[2 * k + 1] - MU[1]);
            }
            assertEquals(Math.log(z), e.logPartition(beta), 1e-4, "log Z at beta " + beta);
            assertEquals(SIGMA[1][1] / beta, vy / z, 1e-3, "Var(y2) = Σ22/β at beta " + beta);
        }
    }

    @Test
    void rejectsBadSettingsAndBadAnswers() {
        assertThrows(IllegalArgumentException.class, () -> new GaussianEnergy(new float[] {0, 0},
                new float[][] {{1, 2}, {2, 1}}), "indefinite");
        assertThrows(IllegalArgumentException.class, () -> new GaussianEnergy(new float[] {0, 0},
                new float[][] {{1, 0.5f}, {0.4f, 1}}), "asymmetric");
        assertThrows(IllegalArgumentException.class, () -> new GaussianEnergy(new float[] {0, 0, 0}, SIGMA));
        assertThrows(IllegalArgumentException.class, () -> new GaussianEnergy(new float[] {Float.NaN, 0}, SIGMA));
        assertThrows(IllegalArgumentException.class, () -> new GaussianEnergy(new float[0], new float[0][0]));
        GaussianEnergy e = new GaussianEnergy(MU, SIGMA);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> e.energy(null, Tensor.zeros(4, 3)));
        assertTrue(ex.getMessage().contains("[B, 2]"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.logPartition(0));
    }
}
