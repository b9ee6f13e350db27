package org.ebl4j.unsupervised.rbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RestrictedBoltzmannMachineTest {
    private static List<RestrictedBoltzmannMachine> models() {
        return List.of(RbmFixtures.binary(5, 4, 1f, 1), RbmFixtures.gaussian(3, 4, 0.8f, 2),
                new GaussianBinaryRbm(3, 4, false, new Rng(3)));
    }

    private static Tensor visibleRows(RestrictedBoltzmannMachine rbm, int n, long seed) {
        Rng rng = new Rng(seed);
        return rbm instanceof BinaryRbm ? rng.bernoulli(0.5f, n, rbm.visible()) : rng.normal(0f, 1.5f, n,
                rbm.visible());
    }

    @Test
    void freeEnergyIsTheBruteForceMarginalOverHiddenStates() {
        for (RestrictedBoltzmannMachine rbm : models()) {
            Tensor v = visibleRows(rbm, 6, 11);
            float[] f = rbm.freeEnergy(v).toArray();
            for (int n = 0; n < 6; n++) {
                double[] e = RbmFixtures.jointEnergies(rbm, v.slice(0, n, n + 1));
                for (int s = 0; s < e.length; s++) {
                    e[s] = -e[s];
                }
                assertEquals(-RbmFixtures.logSumExp(e), f[n], 2e-4 * (1 + Math.abs(f[n])), rbm + " row " + n);
            }
            assertArrayEquals(f, rbm.energy(v).toArray(), 0f, "energy(Y) is the free energy");
        }
    }

    @Test
    void hiddenProbabilitiesMatchEnumeration() {
        for (RestrictedBoltzmannMachine rbm : models()) {
            Tensor v = visibleRows(rbm, 4, 12);
            Tensor p = rbm.hiddenProbabilities(v);
            Tensor hs = RbmFixtures.allStates(rbm.hidden());
            for (int n = 0; n < 4; n++) {
                double[] e = RbmFixtures.jointEnergies(rbm, v.slice(0, n, n + 1));
                double[] logw = new double[e.length];
                for (int s = 0; s < e.length; s++) {
                    logw[s] = -e[s];
                }
                double logZv = RbmFixtures.logSumExp(logw);
                for (int j = 0; j < rbm.hidden(); j++) {
                    double on = 0;
                    for (int s = 0; s < e.length; s++) {
                        on += hs.get(s, j) * Math.exp(logw[s] - logZv);
                    }
                    assertEquals(on, p.get(n, j), 1e-5, rbm + " p(h_" + j + " | v_" + n + ")");
                }
            }
            assertArrayEquals(p.toArray(), rbm.transform(v).toArray(), 0f, "the code is p(h | v)");
        }
    }

    @Test
    void freeEnergyGradientMatchesAutodiff() {
        for (RestrictedBoltzmannMachine rbm : models()) {
            Tensor v = visibleRows(rbm, 7, 13);
            Tensor[] direct = rbm.freeEnergyGradient(v);
            List<Tensor> params = rbm.parameters();
            Tensor[] auto;
            try (Autodiff.Scope s = Autodiff.enableGrad()) {
                auto = Autodiff.grad(List.of(rbm.freeEnergy(v).mean()), List.of(Tensor.scalar(1f)), params, false);
            }
            assertEquals(params.size(), direct.length);
            for (int i = 0; i < direct.length; i++) {
                assertArrayEquals(auto[i].toArray(), direct[i].toArray(), 1e-5f, rbm + " parameter " + i);
            }
        }
    }

    @Test
    void freeEnergyIsDifferentiableInTheVisibleUnits() {
        for (RestrictedBoltzmannMachine rbm : models()) {
            Tensor v = new Rng(14).uniform(0.1f, 0.9f, 3, rbm.visible());
            GradCheck.Result r = GradCheck.check(in -> rbm.freeEnergy(in[0]).sum(), 1e-2, 2e-2, 2e-2, v);
            assertTrue(r.passed(), rbm + " " + r);
        }
    }

    @Test
    void binaryConditionalsAreLogistic() {
        BinaryRbm rbm = RbmFixtures.binary(3, 2, 1f, 4);
        Tensor h = Tensor.of(new float[] {1, 0, 0, 1}, 2, 2);
        Tensor mean = rbm.visibleMean(h);
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < 3; i++) {
                double in = rbm.visibleBias().get(i) + rbm.weight().get(i, n);
                assertEquals(1 / (1 + Math.exp(-in)), mean.get(n, i), 1e-6);
            }
        }
        Tensor draws = rbm.sampleVisible(h.slice(0, 0, 1).expand(20_000, 2).contiguous(), new Rng(5));
        Tensor frequency = draws.mean(0, false);
        for (int i = 0; i < 3; i++) {
            assertEquals(mean.get(0, i), frequency.get(i), 0.015, "Bernoulli draw frequency of unit " + i);
        }
    }

    @Test
    void gaussianVisibleDrawsHaveTheConditionalMeanAndVariance() {
        GaussianBinaryRbm rbm = RbmFixtures.gaussian(2, 3, 1f, 6);
        Tensor h = Tensor.of(new float[] {1, 0, 1}, 1, 3).expand(40_000, 3).contiguous();
        Tensor draws = rbm.sampleVisible(h, new Rng(7));
        float[] sigma = rbm.standardDeviations();
        for (int i = 0; i < 2; i++) {
            double mu = rbm.visibleBias().get(i) + rbm.weight().get(i, 0) + rbm.weight().get(i, 2);
            Tensor col = draws.slice(1, i, i + 1);
            double mean = col.mean().item();
            double var = col.sub((float) mean).square().mean().item();
            assertEquals(mu, mean, 0.02 * sigma[i] * 2, "mean of v_" + i);
            assertEquals(sigma[i] * sigma[i], var, 0.03 * sigma[i] * sigma[i], "variance of v_" + i);
        }
        assertEquals(4, rbm.parameters().size(), "learned variance is a parameter");
        GaussianBinaryRbm fixed = new GaussianBinaryRbm(2, 3, false, new Rng(1));
        assertEquals(3, fixed.parameters().size(), "unit variance is not trained");
        assertTrue(fixed.stateDict().containsKey("log_variance"));
    }

    @Test
    void samplesAreSeededAndGibbsKeepsShapes() {
        BinaryRbm rbm = RbmFixtures.binary(6, 4, 1f, 8);
        Tensor v = new Rng(9).bernoulli(0.5f, 5, 6);
        assertArrayEquals(rbm.gibbs(v, 3, new Rng(1)).toArray(), rbm.gibbs(v, 3, new Rng(1)).toArray());
        assertArrayEquals(new int[] {5, 6}, rbm.gibbs(v, 3, new Rng(1)).shape());
        assertArrayEquals(new int[] {5, 4}, rbm.sampleHidden(v, new Rng(1)).shape());
        assertArrayEquals(v.toArray(), rbm.gibbs(v, 0, new Rng(1)).toArray());
    }

    @Test
    void rejectsBadShapesAndSettings() {
        BinaryRbm rbm = RbmFixtures.binary(6, 4, 1f, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rbm.freeEnergy(Tensor.zeros(2, 5)));
        assertTrue(e.getMessage().contains("[N, 6]") && e.getMessage().contains("[2, 5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rbm.visibleMean(Tensor.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> rbm.jointEnergy(Tensor.zeros(2, 6), Tensor.zeros(3, 4)));
        assertThrows(IllegalArgumentException.class, () -> rbm.gibbs(Tensor.zeros(2, 6), -1, new Rng(0)));
        e = assertThrows(IllegalArgumentException.class, () -> new BinaryRbm(0, 3, new Rng(0)));
        assertTrue(e.getMessage().contains(">= 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rbm.learning(null));
    }

    @Test
    void baseRateIsTheSmoothedLogOddsOfTheData() {
        Tensor data = Tensor.of(new float[] {1, 0, 1, 1, 0, 1, 1, 0}, 4, 2);
        float[] a = BinaryRbm.baseRate(data);
        double p0 = (3 + 0.2) / 4.4;
        double p1 = (2 + 0.2) / 4.4;
        assertEquals(Math.log(p0 / (1 - p0)), a[0], 1e-6);
        assertEquals(Math.log(p1 / (1 - p1)), a[1], 1e-6);
        BinaryRbm rbm = new BinaryRbm(2, 3, new Rng(0)).matchVisibleBias(data);
        assertArrayEquals(a, rbm.visibleBias().toArray());
    }
}
