package org.ebl4j.unsupervised.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.nn.Linear;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ContractiveAutoEncoderTest {
    static ContractiveAutoEncoder model(double gamma) {
        return new ContractiveAutoEncoder(new Linear(2, 8, new Rng(1)), new Linear(8, 2, new Rng(2)), gamma);
    }

    /** ‖∂Enc/∂Y‖²_F per row by reverse-mode autodiff, one code unit at a time. */
    static float[] jacobianNormByAutodiff(ContractiveAutoEncoder m, Tensor y) {
        int n = y.shape(0);
        int units = m.transform(y).shape(1);
        Tensor total = Tensor.zeros(n);
        for (int j = 0; j < units; j++) {
            Tensor yy = y.detach().contiguousCopy().requiresGrad(true);
            Tensor h = m.encoder().forward(yy);
            int[] unit = new int[n];
            java.util.Arrays.fill(unit, j);
            Tensor seed = Tensor.oneHot(Indices.of(unit), units);
            Tensor row = Autodiff.grad(List.of(h), List.of(seed), List.of(yy), false)[0];
            total = total.add(row.square().sum(1, false));
        }
        return total.toArray();
    }

    @Test
    void theClosedFormPenaltyIsTheSquaredFrobeniusNormOfTheJacobian() {
        ContractiveAutoEncoder m = model(0.1);
        Tensor y = new Rng(3).normal(0f, 1.5f, 20, 2);
        float[] closed = m.contraction(y).toArray();
        float[] autodiff = jacobianNormByAutodiff(m, y);
        for (int r = 0; r < closed.length; r++) {
            assertTrue(Math.abs(closed[r] - autodiff[r]) <= 1e-5 * autodiff[r] + 1e-7, "row " + r + ": closed form "
                    + closed[r] + ", autodiff " + autodiff[r]);
        }
        // the training objective adds γ times it to the reconstruction error
        assertArrayEquals(m.energy(y).add(m.contraction(y).mul(0.1f)).toArray(), m.objective(y).toArray(), 1e-5f);
    }

    @Test
    void trainingWithThePenaltyContractsTheEncoder() {
        Tensor data = Circle.random(400, 1f, new Rng(4)).add(new Rng(5).normal(0f, 0.05f, 400, 2));
        AutoEncoderTraining training = new AutoEncoderTraining(60, 50, 1e-2, 6);
        ContractiveAutoEncoder plain = model(0);
        plain.training(training).fit(data);
        ContractiveAutoEncoder contractive = model(0.5);
        contractive.training(training).fit(data);
        double free = plain.contraction(data).mean().item();
        double penalised = contractive.contraction(data).mean().item();
        assertTrue(penalised < 0.5 * free, "mean ‖J‖²: " + penalised + " with the penalty, " + free + " without");
        // the contraction trades off against reconstruction; it does not collapse the code: the energy on the data
        // stays below that of reconstructing every point by the data mean (≈ 1 on the unit circle)
        double error = contractive.energy(data).mean().item();
        assertTrue(error < 0.5, "reconstruction error with the penalty " + error);
    }

    @Test
    void gammaMustBeNonNegative() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model(-1)).getMessage()
                .contains("gamma must be a finite number >= 0"));
    }
}
