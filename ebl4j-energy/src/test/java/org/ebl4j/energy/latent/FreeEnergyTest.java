package org.ebl4j.energy.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FreeEnergyTest {
    private static final double[] BETAS = {0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000};

    @Test
    void freeEnergyIsMinusOneOverBetaLogSumExpOfMinusBetaE() {
        MixtureOfRegressors latent = new MixtureOfRegressors(3, 2, 4, new Rng(11));
        Tensor x = new Rng(12).normal(0f, 1f, 6, 3);
        Tensor y = new Rng(13).normal(0f, 1f, 6, 2);
        float[] all = latent.energies(x, y).toArray();
        for (double beta : new double[] {0.5, 2}) {
            float[] f = new FreeEnergy(latent, beta).energy(x, y).toArray();
            for (int b = 0; b < 6; b++) {
                double sum = 0;
                for (int j = 0; j < 4; j++) {
                    sum += Math.exp(-beta * all[b * 4 + j]);
                }
                assertEquals(-Math.log(sum) / beta, f[b], 1e-5 * (1 + Math.abs(f[b])));
            }
        }
    }

    @Test
    void freeEnergyLiesWithinLogZOverBetaBelowTheMinimumAndConvergesToItMonotonically() {
        MixtureOfRegressors latent = new MixtureOfRegressors(3, 2, 5, new Rng(14));
        Tensor x = new Rng(15).normal(0f, 1f, 8, 3);
        Tensor y = new Rng(16).normal(0f, 2f, 8, 2);
        float[] min = new MinOverLatent(latent).energy(x, y).toArray();
        double[] previous = new double[8];
        java.util.Arrays.fill(previous, Double.POSITIVE_INFINITY);
        for (double beta : BETAS) {
            float[] f = new FreeEnergy(latent, beta).energy(x, y).toArray();
            for (int b = 0; b < 8; b++) {
                double gap = min[b] - f[b]; // min E − F_β ∈ [0, log|Z|/β]
                double slack = 1e-6 * (1 + Math.abs(min[b]));
                assertTrue(gap >= -slack, "F_β ≤ min E at beta " + beta + ": gap " + gap);
                assertTrue(gap <= Math.log(5) / beta + slack, "F_β ≥ min E − log|Z|/β at beta " + beta);
                assertTrue(gap <= previous[b] + slack, "the gap shrinks as β grows (beta " + beta + ")");
                previous[b] = gap;
            }
        }
        for (int b = 0; b < 8; b++) {
            assertEquals(min[b], min[b] - previous[b], 1e-4, "β = 1000 recovers min_Z E");
        }
    }

    @Test
    void staysFiniteForLargeBetaAndLargeEnergies() {
        MixtureOfRegressors latent = new MixtureOfRegressors(3, 2, 4, new Rng(17));
        Tensor x = new Rng(18).normal(0f, 1f, 4, 3);
        Tensor y = new Rng(19).normal(0f, 30f, 4, 2); // energies in the hundreds: exp(−βE) underflows
        float[] min = new MinOverLatent(latent).energy(x, y).toArray();
        float[] f = new FreeEnergy(latent, 1e4).energy(x, y).toArray();
        for (int b = 0; b < 4; b++) {
            assertTrue(min[b] > 10, "energies are large: " + min[b]);
            assertEquals(min[b], f[b], 1e-3 * min[b]);
        }
    }

    @Test
    void gradientIsThePosteriorAverageOfTheLatentGradientsAndPassesFiniteDifferences() {
        MixtureOfRegressors latent = new MixtureOfRegressors(2, 2, 3, new Rng(20));
        FreeEnergy f = new FreeEnergy(latent, 1.5);
        Tensor x = new Rng(21).normal(0f, 1f, 5, 2);
        Tensor y = new Rng(22).normal(0f, 1f, 5, 2);
        GradCheck.Result dy = GradCheck.check(in -> f.energy(x, in[0]), y);
        assertTrue(dy.passed(), "dF/dY " + dy);
        Tensor weight = latent.regressors().namedParameters().get("weight");
        GradCheck.Result dw = GradCheck.check(in -> f.energy(x, y), weight);
        assertTrue(dw.passed(), "dF/dW " + dw);
        // dF/dW = Σ_Z P(Z|Y,X) dE(Z)/dW with P = softmax(−βE), the posterior held constant
        Tensor posterior = latent.energies(x, y).mul(-1.5f).softmax(1).detach();
        Tensor expected = Autodiff.grad(latent.energies(x, y).mul(posterior).sum(), weight);
        Tensor got = Autodiff.grad(f.energy(x, y).sum(), weight);
        assertArrayEquals(expected.toArray(), got.toArray(), 1e-5f);
    }

    @Test
    void rejectsBadBetaAndAMissingLatentEnergy() {
        MixtureOfRegressors latent = new MixtureOfRegressors(2, 2, 3, new Rng(23));
        for (double beta : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> new FreeEnergy(latent, beta));
            assertTrue(ex.getMessage().contains("> 0"), ex.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new FreeEnergy(null, 1));
    }
}
