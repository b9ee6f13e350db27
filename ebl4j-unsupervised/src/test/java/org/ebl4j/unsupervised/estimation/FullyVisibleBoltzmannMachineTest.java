package org.ebl4j.unsupervised.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.energy.loss.NegativeLogLikelihoodLoss;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FullyVisibleBoltzmannMachineTest {
    /** E(y) = −½ yᵀJy − bᵀy in double, from the fixture's parameters. */
    private static double energy(int state) {
        int d = Fixtures.BIASES.length;
        double e = 0;
        for (int i = 0; i < d; i++) {
            int yi = (state >> i) & 1;
            e -= Fixtures.BIASES[i] * yi;
            for (int j = 0; j < d; j++) {
                e -= 0.5 * Fixtures.COUPLINGS[i][j] * yi * ((state >> j) & 1);
            }
        }
        return e;
    }

    @Test
    void energyAndLogPartitionAreTheIsingSums() {
        FullyVisibleBoltzmannMachine machine = Fixtures.trueIsing();
        float[] e = machine.energy(machine.states()).toArray();
        double z = 0;
        for (int s = 0; s < e.length; s++) {
            assertEquals(energy(s), e[s], 1e-5, "state " + s);
            z += Math.exp(-2 * energy(s));
        }
        assertEquals(Math.log(z), machine.logPartition(2f).item(), 1e-5);
        assertEquals(1.0, machine.logDensity(machine.states()).exp().sum().item(), 1e-5);
    }

    @Test
    void samplingIsExact() {
        FullyVisibleBoltzmannMachine machine = Fixtures.trueIsing();
        int n = 40000;
        float[] v = machine.sample(n, new Rng(3)).toArray();
        double[] frequency = new double[64];
        for (int r = 0; r < n; r++) {
            int s = 0;
            for (int j = 0; j < 6; j++) {
                s |= (int) v[r * 6 + j] << j;
            }
            frequency[s] += 1.0 / n;
        }
        float[] p = machine.logDensity(machine.states()).exp().toArray();
        double chiSquare = 0;
        for (int s = 0; s < 64; s++) {
            chiSquare += n * (frequency[s] - p[s]) * (frequency[s] - p[s]) / p[s];
        }
        // 63 degrees of freedom: the 99.9 % quantile is about 103
        assertTrue(chiSquare < 103, "chi-square " + chiSquare);
    }

    @Test
    void maximumLikelihoodRecoversTheParametersFromTheirOwnDistribution() {
        FullyVisibleBoltzmannMachine truth = Fixtures.trueIsing();
        FullyVisibleBoltzmannMachine fit = new FullyVisibleBoltzmannMachine(6).fit(Fixtures.population(truth, 5000));
        assertTrue(Fixtures.maxAbs(fit.couplings(), truth.couplings()) < 0.02);
        assertTrue(Fixtures.maxAbs(fit.biases(), truth.biases()) < 0.02);
    }

    @Test
    void codeIsEachUnitsConditionalProbability() {
        FullyVisibleBoltzmannMachine machine = Fixtures.trueIsing();
        int state = 0b101100;
        float[] code = machine.transform(machine.states().slice(0, state, state + 1)).toArray();
        for (int j = 0; j < 6; j++) {
            int on = state | (1 << j);
            int off = state & ~(1 << j);
            double expected = 1 / (1 + Math.exp(energy(on) - energy(off)));
            assertEquals(expected, code[j], 1e-5, "unit " + j);
        }
    }

    @Test
    void negativeLogLikelihoodGradientIsCorrect() {
        FullyVisibleBoltzmannMachine machine = Fixtures.trueIsing();
        Tensor y = machine.sample(8, new Rng(2));
        NegativeLogLikelihoodLoss nll = new NegativeLogLikelihoodLoss(1f, new AnalyticLogPartition());
        GradCheck.Result r = GradCheck.check(w -> nll.compute(machine, null, y).loss(),
                machine.parameters().toArray(new Tensor[0]));
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void rejectsBadSettingsAndInputs() {
        assertThrows(IllegalArgumentException.class, () -> new FullyVisibleBoltzmannMachine(0));
        assertThrows(IllegalArgumentException.class, () -> FullyVisibleBoltzmannMachine.of(
                new float[][] {{0, 1}, {0.5f, 0}}, new float[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> FullyVisibleBoltzmannMachine.of(
                new float[][] {{1, 0}, {0, 0}}, new float[] {0, 0}));
        FullyVisibleBoltzmannMachine large = new FullyVisibleBoltzmannMachine(FullyVisibleBoltzmannMachine.MAX_ENUMERATED + 1);
        assertThrows(IllegalArgumentException.class, () -> large.logPartition(1f));
        assertThrows(IllegalArgumentException.class,
                () -> new FullyVisibleBoltzmannMachine(2).fit(Tensor.matrix(new float[][] {{0, 0.5f}})));
        assertThrows(IllegalArgumentException.class, () -> new FullyVisibleBoltzmannMachine(2).energy(Tensor.zeros(2, 3)));
    }
}
