package org.ebl4j.structured.crf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ebl4j.structured.chain.LinearChain;
import org.junit.jupiter.api.Test;

/** The perceptron and max-margin trainers learn the synthetic task; bad settings are rejected. */
class TrainersTest {
    private static final List<Sequence> TRAIN = SyntheticTagging.sentences(300, 12, 21);
    private static final List<Sequence> TEST = SyntheticTagging.sentences(200, 12, 22);
    private static final FeatureTemplates TEMPLATES = FeatureTemplates.parse(SyntheticTagging.TEMPLATE, "t");

    @Test
    void averagedPerceptronLearns() {
        LinearChainCrf model = new PerceptronTrainer(10, 1).train(TEMPLATES, TRAIN);
        assertTrue(SyntheticTagging.accuracy(model, TEST) > 0.85);
        // same seed, same model
        assertArrayEquals(model.weights(), new PerceptronTrainer(10, 1).train(TEMPLATES, TRAIN).weights());
    }

    @Test
    void maxMarginLearns() {
        LinearChainCrf model = new MaxMarginTrainer(1e-3, 1, 15, 1).train(TEMPLATES, TRAIN);
        assertTrue(SyntheticTagging.accuracy(model, TEST) > 0.85);
    }

    /** The dense reference: θ updated and summed explicitly after every step, on a few short sentences. */
    private static double[] denseAverage(FeatureSpace space, List<EncodedSequence> enc, int epochs, double lambda,
                                         boolean maxMargin) {
        int n = space.size();
        double[] theta = new double[n];
        double[] sum = new double[n];
        org.ebl4j.tensor.Rng rng = new org.ebl4j.tensor.Rng(1);
        long step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i : rng.permutation(enc.size())) {
                EncodedSequence s = enc.get(i);
                LinearChain c = space.chain(s, space.new TransitionCache(theta.clone()));
                double eta = 1;
                if (maxMargin) {
                    c = MaxMarginTrainer.lossAugmented(c, s.labels());
                    eta = 1 / (1 + lambda * step);
                    for (int j = 0; j < n; j++) {
                        theta[j] *= 1 - eta * lambda;
                    }
                }
                step++;
                int[] best = org.ebl4j.structured.chain.ChainDynamicProgram.viterbi(c).labels();
                if (!java.util.Arrays.equals(best, s.labels())) {
                    space.addFeatures(s, s.labels(), eta, theta);
                    space.addFeatures(s, best, -eta, theta);
                }
                for (int j = 0; j < n; j++) {
                    sum[j] += theta[j];
                }
            }
        }
        for (int j = 0; j < n; j++) {
            sum[j] /= step;
        }
        return sum;
    }

    @Test
    void lazyAveragesEqualTheDenseAverageOfAllSteps() {
        List<Sequence> few = SyntheticTagging.sentences(12, 6, 23);
        FeatureSpace space = FeatureSpace.build(TEMPLATES, few);
        List<EncodedSequence> enc = CrfTrainer.encode(space, few);
        float[] perceptron = new PerceptronTrainer(4, 1).train(space, few).weights();
        float[] m3n = new MaxMarginTrainer(0.05, 1, 4, 1).train(space, few).weights();
        double[] densePerceptron = denseAverage(space, enc, 4, 0, false);
        double[] denseM3n = denseAverage(space, enc, 4, 0.05, true);
        for (int j = 0; j < perceptron.length; j++) {
            assertEquals(densePerceptron[j], perceptron[j], 1e-6 * Math.max(1, Math.abs(densePerceptron[j])));
            assertEquals(denseM3n[j], m3n[j], 1e-6 * Math.max(1, Math.abs(denseM3n[j])));
        }
    }

    @Test
    void lossAugmentedChainLowersEveryWrongLabel() {
        FeatureSpace space = FeatureSpace.build(TEMPLATES, TRAIN);
        LinearChainCrf model = new PerceptronTrainer(1, 1).train(space, TRAIN);
        LinearChain c = model.chain(TRAIN.get(0));
        int[] gold = CrfTrainer.encode(space, TRAIN.subList(0, 1)).get(0).labels();
        LinearChain aug = MaxMarginTrainer.lossAugmented(c, gold);
        int[] other = gold.clone();
        other[0] = (other[0] + 1) % 3;
        other[other.length - 1] = (other[other.length - 1] + 1) % 3;
        assertEquals(c.energy(gold), aug.energy(gold), 1e-12);
        assertEquals(c.energy(other) - 2, aug.energy(other), 1e-12);
    }

    @Test
    void badSettingsAndDataAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PerceptronTrainer(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new MaxMarginTrainer(0, 1, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LikelihoodTrainer(-1, 10, 1e-5, 10, 6, 1));
        assertTrue(e.getMessage().contains("c2=-1.0"), e.getMessage());
        FeatureSpace space = FeatureSpace.build(TEMPLATES, TRAIN);
        Sequence unknown = new Sequence(new String[][] {{"w0_1", "p0"}}, new String[] {"B-VP"});
        e = assertThrows(IllegalArgumentException.class,
                () -> new PerceptronTrainer(1, 1).train(space, List.of(unknown)));
        assertEquals("training sentence 0 has no labels or a label outside the feature space's [B-NP, I-NP, O]"
                .replace("[B-NP, I-NP, O]", List.of(space.labelNames()).toString()), e.getMessage());
    }
}
