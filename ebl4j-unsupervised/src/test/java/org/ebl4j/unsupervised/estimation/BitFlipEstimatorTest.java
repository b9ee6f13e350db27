package org.ebl4j.unsupervised.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.loss.LossOutput;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * What ratio matching and minimum probability flow share: both score a binary energy on the single-bit flips of
 * each data row, so both must recover an Ising model, agree with maximum likelihood, have correct gradients and
 * reject non-binary data. A subclass gives the estimator and its term per (row, flip) pair.
 */
abstract class BitFlipEstimatorTest {
    /** A fresh estimator under test. */
    abstract Loss estimator();

    /** The objective's term for a data row of probability pRow and one of its flips of probability pFlip. */
    abstract double term(double pRow, double pFlip);

    @Test
    void recoversAnIsingModelFromItsOwnDistribution() {
        FullyVisibleBoltzmannMachine truth = Fixtures.trueIsing();
        FullyVisibleBoltzmannMachine model = new FullyVisibleBoltzmannMachine(6);
        Fixtures.fitLbfgs(model, estimator(), Fixtures.population(truth, 5000), 100);
        double couplings = Fixtures.maxAbs(model.couplings(), truth.couplings());
        double biases = Fixtures.maxAbs(model.biases(), truth.biases());
        assertTrue(couplings < 0.02 && biases < 0.02, "max errors: couplings " + couplings + ", biases " + biases);
    }

    @Test
    void fromExactSamplesItAgreesWithMaximumLikelihood() {
        FullyVisibleBoltzmannMachine truth = Fixtures.trueIsing();
        Tensor data = truth.sample(5000, new Rng(4));
        FullyVisibleBoltzmannMachine model = new FullyVisibleBoltzmannMachine(6);
        Fixtures.fitLbfgs(model, estimator(), data, 100);
        FullyVisibleBoltzmannMachine ml = new FullyVisibleBoltzmannMachine(6).fit(data);
        double toTruth = Math.max(Fixtures.maxAbs(model.couplings(), truth.couplings()),
                Fixtures.maxAbs(model.biases(), truth.biases()));
        double mlToTruth = Math.max(Fixtures.maxAbs(ml.couplings(), truth.couplings()),
                Fixtures.maxAbs(ml.biases(), truth.biases()));
        double toMl = Math.max(Fixtures.maxAbs(model.couplings(), ml.couplings()),
                Fixtures.maxAbs(model.biases(), ml.biases()));
        // 5000 samples leave the worst of the 21 parameters about 0.25 off for any estimator, the efficient one too
        assertTrue(toTruth < mlToTruth + 0.03, "max error to the truth " + toTruth + ", of maximum likelihood "
                + mlToTruth);
        assertTrue(toMl < 0.04, "max difference to maximum likelihood " + toMl);
    }

    @Test
    void objectiveIsTheMeanOverRowsOfItsTermsOverBitFlips() {
        FullyVisibleBoltzmannMachine machine = Fixtures.trueIsing();
        Tensor y = machine.sample(3, new Rng(1));
        LossOutput out = estimator().compute(machine, null, y);
        float[] v = y.toArray();
        float[] flipped = out.contrastive().contiguous().toArray();
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            Tensor row = y.slice(0, i, i + 1);
            double pRow = machine.logDensity(row).exp().item();
            for (int j = 0; j < 6; j++) {
                float[] s = new float[6];
                System.arraycopy(v, i * 6, s, 0, 6);
                s[j] = 1 - s[j];
                for (int k = 0; k < 6; k++) {
                    assertEquals(s[k], flipped[(i * 6 + j) * 6 + k], "neighbour " + j + " of row " + i);
                }
                double pFlip = machine.logDensity(Tensor.of(s, 1, 6)).exp().item();
                expected += term(pRow, pFlip) / 3;
            }
        }
        assertEquals(expected, out.loss().item(), 1e-5 * (1 + expected));
    }

    @Test
    void gradientWithRespectToTheParametersIsCorrect() {
        FullyVisibleBoltzmannMachine machine = FullyVisibleBoltzmannMachine.of(
                new float[][] {{0, 0.7f, -0.4f}, {0.7f, 0, 0.3f}, {-0.4f, 0.3f, 0}}, new float[] {0.2f, -0.5f, 0.1f});
        Tensor y = Tensor.matrix(new float[][] {{1, 0, 1}, {0, 0, 1}, {1, 1, 0}, {0, 1, 1}});
        GradCheck.Result r = GradCheck.check(w -> estimator().compute(machine, null, y).loss(),
                machine.parameters().toArray(new Tensor[0]));
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void rejectsNonBinaryData() {
        assertThrows(IllegalArgumentException.class, () -> estimator()
                .compute(new FullyVisibleBoltzmannMachine(2), null, Tensor.matrix(new float[][] {{1, 0.5f}})));
        assertThrows(IllegalArgumentException.class, () -> estimator()
                .compute(new FullyVisibleBoltzmannMachine(2), null, Tensor.vector(1, 0)));
    }
}
