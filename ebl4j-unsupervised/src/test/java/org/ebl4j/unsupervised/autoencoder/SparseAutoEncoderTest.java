package org.ebl4j.unsupervised.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.nn.Linear;
import org.ebl4j.nn.Sequential;
import org.ebl4j.nn.Shrinkage;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SparseAutoEncoderTest {
    static SparseAutoEncoder model(double lambda) {
        return new SparseAutoEncoder(new Sequential(new Linear(2, 16, new Rng(1)), new Shrinkage(16, 0.01f)),
                new Linear(16, 2, new Rng(2)), lambda);
    }

    static double zeroFraction(Tensor code) {
        int zeros = 0;
        float[] v = code.toArray();
        for (float x : v) {
            zeros += x == 0f ? 1 : 0;
        }
        return (double) zeros / v.length;
    }

    @Test
    void theObjectiveAddsLambdaTimesTheL1NormOfTheCode() {
        SparseAutoEncoder m = model(0.3);
        Tensor y = new Rng(3).normal(0f, 1f, 6, 2);
        Tensor expected = m.energy(y).add(m.transform(y).abs().sum(1, false).mul(0.3f));
        assertArrayEquals(expected.toArray(), m.objective(y).toArray(), 1e-5f);
    }

    @Test
    void theL1PenaltyMakesTheCodesSparser() {
        Tensor data = Circle.random(400, 1f, new Rng(4));
        AutoEncoderTraining training = new AutoEncoderTraining(60, 50, 1e-2, 5);
        SparseAutoEncoder dense = model(0);
        dense.training(training).fit(data);
        SparseAutoEncoder sparse = model(0.05);
        sparse.training(training).fit(data);
        double denseZeros = zeroFraction(dense.transform(data));
        double sparseZeros = zeroFraction(sparse.transform(data));
        assertTrue(sparseZeros > denseZeros + 0.3, "fraction of zero code units: " + sparseZeros + " with L1, "
                + denseZeros + " without");
        double error = sparse.energy(data).mean().item();
        assertTrue(error < 0.1, "the sparse code still reconstructs the circle: mean energy " + error);
    }

    @Test
    void lambdaMustBeNonNegative() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model(-0.1)).getMessage()
                .contains("lambda must be a finite number >= 0"));
    }
}
