package org.ebl4j.energy.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.architecture.ImplicitRegression;
import org.ebl4j.nn.L1Distance;
import org.ebl4j.nn.Linear;
import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PairwiseContrastiveLossTest {
    @Test
    void siameseEnergyReadsPairsStackedOnAxisOne() {
        Rng rng = new Rng(4);
        Linear g = new Linear(3, 2, rng);
        ImplicitRegression siamese = new ImplicitRegression(g, g, new L1Distance());
        Tensor pairs = rng.normal(0f, 1f, 5, 2, 3);
        Tensor impostor = Tensor.vector(0, 1, 1, 0, 1);
        float[] d = new float[5];
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 2; k++) {
                double a = g.bias().get(k);
                double b = g.bias().get(k);
                for (int j = 0; j < 3; j++) {
                    a += g.weight().get(k, j) * pairs.get(i, 0, j);
                    b += g.weight().get(k, j) * pairs.get(i, 1, j);
                }
                d[i] += (float) Math.abs(a - b);
            }
        }
        ContrastiveLoss loss = new ContrastiveLoss(5f);
        LossOutput viaEnergy = loss.compute(siamese, pairs, impostor);
        LossOutput direct = loss.compute(Tensor.vector(d), impostor);
        assertEquals(direct.loss().item(), viaEnergy.loss().item(), 1e-5);
        assertEquals(direct.metrics().get("energy_correct"), viaEnergy.metrics().get("energy_correct"), 1e-5);
        assertEquals(direct.metrics().get("energy_contrastive"), viaEnergy.metrics().get("energy_contrastive"), 1e-5);
    }

    @Test
    void metricsOmitAKindOfPairTheBatchLacks() {
        LossOutput genuineOnly = new DrLimLoss(1f).compute(Tensor.vector(0.5f, 1.5f), Tensor.vector(0, 0));
        assertEquals(1.0, genuineOnly.metrics().get("energy_correct"), 1e-6);
        assertFalse(genuineOnly.metrics().containsKey("energy_contrastive"));
    }

    /** DrLIM on a linear map of 2-D points to 1-D, pairs similar when their first coordinates agree in sign. */
    @Test
    void drLimPullsSimilarPairsTogetherAndPushesDissimilarOnesBeyondTheMargin() {
        Rng rng = new Rng(12);
        int n = 64;
        float[] xs = new float[n * 2 * 2];
        float[] label = new float[n];
        for (int i = 0; i < n; i++) {
            float a = (float) (0.5 + rng.nextDouble()) * (rng.nextDouble() < 0.5 ? -1 : 1);
            float b = (float) (0.5 + rng.nextDouble()) * (i % 2 == 0 ? Math.signum(a) : -Math.signum(a));
            xs[4 * i] = a;
            xs[4 * i + 1] = (float) rng.nextGaussian();
            xs[4 * i + 2] = b;
            xs[4 * i + 3] = (float) rng.nextGaussian();
            label[i] = i % 2;
        }
        Tensor pairs = Tensor.of(xs, n, 2, 2);
        Tensor impostor = Tensor.of(label, n);
        Linear g = new Linear(2, 1, rng);
        ImplicitRegression siamese = new ImplicitRegression(g, g, new L1Distance());
        assertEquals(List.of("g.weight", "g.bias"), List.copyOf(siamese.namedParameters().keySet()));
        DrLimLoss drlim = new DrLimLoss(1f);
        Sgd sgd = new Sgd(siamese.parameters(), 0.1);
        for (int epoch = 0; epoch < 300; epoch++) {
            sgd.zeroGrad();
            drlim.compute(siamese, pairs, impostor).loss().backward();
            sgd.step();
        }
        LossOutput out;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            out = drlim.compute(siamese, pairs, impostor);
        }
        double genuine = out.metrics().get("energy_correct");
        double apart = out.metrics().get("energy_contrastive");
        assertTrue(genuine < 0.5 && apart > 1.0, "genuine " + genuine + ", impostor " + apart);
        // the weight on the irrelevant second coordinate shrinks towards 0
        assertTrue(Math.abs(g.weight().get(0, 1)) < 0.1 * Math.abs(g.weight().get(0, 0)), g.weight().toString());
    }
}
