package org.ebl4j.energy.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MinOverLatentTest {
    @Test
    void energyIsTheMinimumOverLatentValuesAndReportsTheMinimiser() {
        MixtureOfRegressors latent = new MixtureOfRegressors(3, 2, 4, new Rng(1));
        MinOverLatent e = new MinOverLatent(latent);
        Tensor x = new Rng(2).normal(0f, 1f, 8, 3);
        Tensor y = new Rng(3).normal(0f, 1f, 8, 2);
        float[] all = latent.energies(x, y).toArray();
        float[] min = e.energy(x, y).toArray();
        float[] z = e.minimizingLatent(x, y).toArray();
        for (int b = 0; b < 8; b++) {
            int best = 0;
            for (int j = 1; j < 4; j++) {
                best = all[b * 4 + j] < all[b * 4 + best] ? j : best;
            }
            assertEquals(all[b * 4 + best], min[b], 0f);
            assertEquals(best, z[b], 0f);
        }
        assertNull(e.minimizingLatent(x, y).gradFn());
        assertEquals(latent.parameters().size(), e.parameters().size(), "W of the latent energy is W of E");
    }

    @Test
    void gradientIsTheGradientAtTheMinimisingLatentValue() {
        MixtureOfRegressors latent = new MixtureOfRegressors(3, 2, 4, new Rng(4));
        MinOverLatent e = new MinOverLatent(latent);
        Tensor x = new Rng(5).normal(0f, 1f, 6, 3);
        Tensor y = new Rng(6).normal(0f, 1f, 6, 2);
        int[] z = new int[6];
        float[] zs = e.minimizingLatent(x, y).toArray();
        for (int b = 0; b < 6; b++) {
            z[b] = (int) zs[b];
        }
        List<Tensor> w = latent.parameters();
        Tensor[] viaMin = Autodiff.grad(e.energy(x, y).sum(), w.toArray(new Tensor[0]));
        Tensor atZ = latent.energies(x, y).gather(1, new Indices(new int[] {6, 1}, z)).sum();
        Tensor[] viaZ = Autodiff.grad(atZ, w.toArray(new Tensor[0]));
        for (int i = 0; i < w.size(); i++) {
            assertArrayEquals(viaZ[i].toArray(), viaMin[i].toArray(), 1e-6f);
        }
    }

    @Test
    void gradientPassesFiniteDifferenceCheckInYAndW() {
        MixtureOfRegressors latent = new MixtureOfRegressors(2, 2, 3, new Rng(7));
        MinOverLatent e = new MinOverLatent(latent);
        Tensor x = new Rng(8).normal(0f, 1f, 5, 2);
        Tensor weight = latent.regressors().namedParameters().get("weight");
        Tensor y;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            weight.copyFrom(weight.mul(4f)); // regressors far apart
            // sample b lies near regressor b mod 3, so no sample sits near a tie of the minimum
            float[] p = latent.regressors().forward(x).toArray(); // [5, 3·2]
            float[] noise = new Rng(9).normal(0f, 0.1f, 5, 2).toArray();
            float[] v = new float[10];
            for (int b = 0; b < 5; b++) {
                for (int i = 0; i < 2; i++) {
                    v[2 * b + i] = p[b * 6 + (b % 3) * 2 + i] + noise[2 * b + i];
                }
            }
            y = Tensor.of(v, 5, 2);
        }
        assertMarginsExceed(latent.energies(x, y).toArray(), 3, 0.1f);
        GradCheck.Result dy = GradCheck.check(in -> e.energy(x, in[0]), y);
        assertTrue(dy.passed(), "dE/dY " + dy);
        GradCheck.Result dw = GradCheck.check(in -> e.energy(x, y), weight);
        assertTrue(dw.passed(), "dE/dW " + dw);
    }

    /** Finite differences are only valid away from ties: the best and second-best energies differ by > gap. */
    static void assertMarginsExceed(float[] energies, int k, float gap) {
        for (int b = 0; b < energies.length / k; b++) {
            float best = Float.POSITIVE_INFINITY;
            float second = Float.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                float v = energies[b * k + j];
                if (v < best) {
                    second = best;
                    best = v;
                } else if (v < second) {
                    second = v;
                }
            }
            assertTrue(second - best > gap, "sample " + b + " is near a tie: " + best + " vs " + second);
        }
    }

    @Test
    void rejectsAMissingLatentEnergyAndEnergiesOfTheWrongShape() {
        assertThrows(IllegalArgumentException.class, () -> new MinOverLatent(null));
        LatentEnergy wrong = new LatentEnergy() {
            @Override
            public int latents() {
                return 3;
            }

            @Override
            public Tensor energies(Tensor x, Tensor y) {
                return Tensor.zeros(y.shape(0), 2);
            }
        };
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new MinOverLatent(wrong).energy(null, Tensor.zeros(4, 1)));
        assertTrue(ex.getMessage().contains("[B, 3]"), ex.getMessage());
    }
}
