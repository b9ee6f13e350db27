package org.ebl4j.structured.crf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** L1 and elastic-net CRF training by OWL-QN against L2 training by L-BFGS on the synthetic chunking-like task. */
class LikelihoodTrainerTest {
    private static final List<Sequence> TRAIN = SyntheticTagging.sentences(300, 12, 41);
    private static final List<Sequence> TEST = SyntheticTagging.sentences(200, 12, 42);
    private static final FeatureTemplates TEMPLATES = FeatureTemplates.parse(SyntheticTagging.TEMPLATE, "t");

    private static int zeros(LinearChainCrf model) {
        int n = 0;
        for (float w : model.weights()) {
            n += w == 0 ? 1 : 0;
        }
        return n;
    }

    @Test
    void l1GivesExactlySparseWeightsThatSatisfyTheOptimalityConditions() {
        // θ minimises NLL(θ) + c₁‖θ‖₁ iff ∂NLL/∂θ_j = −c₁ sign θ_j where θ_j ≠ 0, and |∂NLL/∂θ_j| ≤ c₁ where θ_j = 0
        double c1 = 1;
        List<Double> losses = new ArrayList<>();
        LinearChainCrf model = new LikelihoodTrainer(c1, 0, 1000, 1e-9, 10, 6, 1)
                .progress(line -> losses.add(Double.parseDouble(line.replaceAll(".*loss ([0-9.]+),.*", "$1"))))
                .train(TEMPLATES, TRAIN);
        for (int i = 1; i < losses.size(); i++) {
            assertTrue(losses.get(i) <= losses.get(i - 1), "objective went up: " + losses);
        }
        FeatureSpace space = model.features();
        float[] w = model.weights();
        double[] theta = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            theta[j] = w[j];
        }
        double[] g = new double[w.length];
        new NegativeLogLikelihood(space, CrfTrainer.encode(space, TRAIN), 0, 1).evaluate(theta, g);
        for (int j = 0; j < w.length; j++) {
            if (theta[j] == 0) {
                assertTrue(Math.abs(g[j]) <= c1 + 1e-4, "weight " + j + " is 0 with gradient " + g[j]);
            } else {
                assertEquals(-c1 * Math.signum(theta[j]), g[j], 1e-3, "weight " + j + " = " + theta[j]);
            }
        }
        // measured: 144 of the 207 weights are exactly zero
        assertTrue(zeros(model) > w.length / 2, zeros(model) + " zeros of " + w.length);
    }

    @Test
    void l1AndElasticNetTagAboutAsWellAsL2WithMostWeightsZero() {
        // measured token accuracies: L2 (c₂ = 1) 0.9607; L1 c₁ = 0.1: 0.9531 with 87 zero weights, c₁ = 1: 0.9614
        // with 144; elastic net c₁ = 1, c₂ = 0.1: 0.9614 with 138 (of 207)
        LinearChainCrf l2 = new LikelihoodTrainer(0, 1, 200, 1e-5, 10, 6, 1).train(TEMPLATES, TRAIN);
        LinearChainCrf weakL1 = new LikelihoodTrainer(0.1, 0, 200, 1e-5, 10, 6, 1).train(TEMPLATES, TRAIN);
        LinearChainCrf l1 = new LikelihoodTrainer(1, 0, 200, 1e-5, 10, 6, 1).train(TEMPLATES, TRAIN);
        LinearChainCrf elastic = new LikelihoodTrainer(1, 0.1, 200, 1e-5, 10, 6, 1).train(TEMPLATES, TRAIN);
        double l2Accuracy = SyntheticTagging.accuracy(l2, TEST);
        assertTrue(l2Accuracy > 0.95, "L2 accuracy " + l2Accuracy);
        assertEquals(0, zeros(l2), "L2 leaves no weight exactly zero");
        for (LinearChainCrf m : List.of(weakL1, l1, elastic)) {
            double accuracy = SyntheticTagging.accuracy(m, TEST);
            assertTrue(accuracy > l2Accuracy - 0.015, "accuracy " + accuracy + " vs L2 " + l2Accuracy);
        }
        int length = l2.weights().length;
        assertTrue(zeros(weakL1) > length / 3, zeros(weakL1) + " zeros of " + length);
        assertTrue(zeros(l1) > zeros(weakL1), zeros(l1) + " zeros with c1 = 1, " + zeros(weakL1) + " with 0.1");
        assertTrue(zeros(elastic) > length / 2, zeros(elastic) + " zeros of " + length);
    }

    @Test
    void badCoefficientsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LikelihoodTrainer(-1, 1, 10, 1e-5, 10, 6, 1));
        assertTrue(e.getMessage().contains("c1=-1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new LikelihoodTrainer(Double.POSITIVE_INFINITY, 1, 10, 1e-5, 10, 6, 1));
        assertTrue(e.getMessage().contains("c1=Infinity"), e.getMessage());
    }
}
