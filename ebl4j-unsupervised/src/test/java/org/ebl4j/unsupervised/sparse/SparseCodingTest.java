package org.ebl4j.unsupervised.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.loss.EnergyLoss;
import org.ebl4j.energy.train.Dataset;
import org.ebl4j.energy.train.Trainer;
import org.ebl4j.optim.Optimizer;
import org.ebl4j.optim.Sgd;
import org.ebl4j.optim.UnitNormColumns;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SparseCodingTest {
    static SparseCoding model(double lambda) {
        return new SparseCoding(6, 10, lambda, new Rng(21)).inference(new CoordinateDescent(2000, 0));
    }

    @Test
    void theEnergyIsTheMinimumOverCodesAndTransformIsTheMinimiser() {
        SparseCoding m = model(0.3);
        Tensor y = new Rng(2).normal(0f, 1f, 8, 6);
        Tensor z = m.transform(y);
        assertArrayEquals(new int[] {8, 10}, z.shape());
        float[] e = m.energy(y).toArray();
        float[] atMinimiser = m.latentEnergy().energy(null, z, y).toArray();
        assertArrayEquals(atMinimiser, e, 1e-6f);
        // any other code is no better
        Rng rng = new Rng(5);
        for (int trial = 0; trial < 20; trial++) {
            Tensor other = z.add(rng.normal(0f, 0.05f, 8, 10));
            float[] worse = m.latentEnergy().energy(null, other, y).toArray();
            for (int r = 0; r < 8; r++) {
                assertTrue(worse[r] >= e[r] - 1e-5f, "row " + r + ": " + worse[r] + " < " + e[r]);
            }
        }
        assertEquals(m.encode(y).finalObjective(), m.energy(y).mean().item(), 1e-5);
    }

    @Test
    void theEnergyGradientIsTheEnvelopeTheoremsResidual() {
        SparseCoding m = model(0.3);
        Tensor y = new Rng(2).normal(0f, 1f, 4, 6);
        Energy.EnergyGradient eg = m.energyAndGradientY(null, y);
        // ∂/∂Y min_Z E = Y − W Z*
        Tensor residual = y.sub(m.transform(y).matmul(m.dictionary().t()));
        assertArrayEquals(residual.toArray(), eg.gradient().toArray(), 1e-5f);
        GradCheck.Result wrtY = GradCheck.check(in -> m.energy(in[0]), 1e-3, 1e-3, 1e-2,
                y.contiguousCopy());
        assertTrue(wrtY.passed(), "dE/dY: " + wrtY);
        Tensor w = m.dictionary();
        GradCheck.Result wrtW = GradCheck.check(in -> m.energy(y), 1e-3, 1e-3, 1e-2, w);
        assertTrue(wrtW.passed(), "dE/dW: " + wrtW);
    }

    @Test
    void sparseCombinationsOfAtomsHaveLowerEnergyThanRandomPointsOfTheSameNorm() {
        SparseCoding m = new SparseCoding(16, 32, 0.2, new Rng(8)).inference(new Fista(300, 1e-7));
        Rng rng = new Rng(9);
        float[] z = new float[200 * 32];
        for (int r = 0; r < 200; r++) {
            z[r * 32 + rng.nextInt(32)] = (float) (1 + rng.nextDouble());
            z[r * 32 + rng.nextInt(32)] = (float) -(1 + rng.nextDouble());
        }
        Tensor onManifold = Tensor.of(z, 200, 32).matmul(m.dictionary().detach().t());
        Tensor random = rng.normal(0f, 1f, 200, 16);
        random = random.mul(onManifold.square().sum(1, true).sqrt().div(random.square().sum(1, true).sqrt()));
        double low = m.energy(onManifold).mean().item();
        double high = m.energy(random).mean().item();
        assertTrue(low < 0.5 * high, "energy on sparse combinations " + low + " vs random " + high);
    }

    @Test
    void theTrainerLearnsTheDictionaryByEnvelopeGradientsUnderTheUnitNormConstraint() {
        // the gradient alternative to block-coordinate updates: SGD on E(W, Y) = min_Z E(W, Y, Z), each step followed
        // by renormalising the atoms
        Rng rng = new Rng(12);
        Tensor truth = new SparseCodingEnergy(8, 8, 0, rng).dictionary().detach();
        float[] z = new float[400 * 8];
        for (int r = 0; r < 400; r++) {
            z[r * 8 + rng.nextInt(8)] = (float) (1 + rng.nextDouble());
        }
        Tensor data = Tensor.of(z, 400, 8).matmul(truth.t());
        SparseCoding m = new SparseCoding(8, 8, 0.1, new Rng(13)).inference(new Fista(100, 1e-6));
        double before = m.energy(data).mean().item();
        Tensor w = m.dictionary();
        Optimizer sgd = new Sgd(m.parameters(), 0.1).addConstraint(w, UnitNormColumns.exactly());
        Trainer.builder(m, new EnergyLoss(), sgd).epochs(40).batchSize(20).seed(1).build()
                .fit(new Dataset(null, data));
        double after = m.energy(data).mean().item();
        double ideal = new SparseCoding(new SparseCodingEnergy(truth, 0.1)).energy(data).mean().item();
        assertTrue(after < 0.5 * before && after < 1.25 * ideal, "mean energy " + before + " -> " + after
                + ", with the generating dictionary " + ideal);
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, w.square().sum(0, false).toArray(), 1e-5f);
    }

    @Test
    void aLargeLambdaGivesTheZeroCodeAndHalfTheSquaredNorm() {
        SparseCoding m = model(1e3);
        Tensor y = new Rng(3).normal(0f, 1f, 5, 6);
        assertEquals(0f, m.transform(y).abs().sum().item());
        assertArrayEquals(y.square().sum(1, false).mul(0.5f).toArray(), m.energy(y).toArray(), 1e-5f);
    }

    @Test
    void settersRejectNullAndShapesAreChecked() {
        SparseCoding m = model(0.1);
        assertThrows(IllegalArgumentException.class, () -> m.inference(null));
        assertThrows(IllegalArgumentException.class, () -> m.learner(null));
        assertThrows(IllegalArgumentException.class, () -> new SparseCoding(null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.energy(Tensor.zeros(3, 7))).getMessage()
                .contains("[N, 6]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SparseCodingEnergy(Tensor.zeros(3), 0.1))
                .getMessage().contains("[inputDim, atoms]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.latentEnergy().energy(null,
                Tensor.zeros(3, 9), Tensor.zeros(3, 6))).getMessage().contains("[3, 10]"));
    }
}
