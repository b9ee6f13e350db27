package org.ebl4j.structured.crf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.ebl4j.structured.chain.ChainDynamicProgram;
import org.ebl4j.structured.chain.LinearChain;
import org.ebl4j.tensor.Rng;
import org.junit.jupiter.api.Test;

class NegativeLogLikelihoodTest {
    /** Unigram and bigram templates, including an observation-dependent bigram (transitions differ per position). */
    private static final String TEMPLATE = "U00:%x[0,0]\nU01:%x[-1,1]/%x[0,1]\nB\nB01:%x[0,1]\n";

    private static double[] randomTheta(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] theta = new double[n];
        for (int j = 0; j < n; j++) {
            theta[j] = 0.7 * rng.nextGaussian();
        }
        return theta;
    }

    @Test
    void gradientEqualsFiniteDifferences() {
        List<Sequence> data = SyntheticTagging.sentences(6, 4, 11);
        FeatureSpace space = FeatureSpace.build(FeatureTemplates.parse(TEMPLATE, "t"), data);
        assertTrue(space.bigramAttributeCount() > 1, "per-position transitions are exercised");
        NegativeLogLikelihood nll = new NegativeLogLikelihood(space, CrfTrainer.encode(space, data), 0.3, 1);
        double[] theta = randomTheta(space.size(), 12);
        double[] grad = new double[theta.length];
        nll.evaluate(theta, grad);
        double h = 1e-5;
        double[] scratch = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            double keep = theta[j];
            theta[j] = keep + h;
            double up = nll.evaluate(theta, scratch);
            theta[j] = keep - h;
            double down = nll.evaluate(theta, scratch);
            theta[j] = keep;
            assertEquals((up - down) / (2 * h), grad[j], 1e-6 * Math.max(1, Math.abs(grad[j])), "weight " + j);
        }
    }

    @Test
    void valueIsEnergyMinusFreeEnergyPlusPenalty() {
        List<Sequence> data = SyntheticTagging.sentences(5, 5, 13);
        FeatureSpace space = FeatureSpace.build(FeatureTemplates.parse(TEMPLATE, "t"), data);
        List<EncodedSequence> enc = CrfTrainer.encode(space, data);
        double[] theta = randomTheta(space.size(), 14);
        double expect = 0;
        for (double v : theta) {
            expect += 0.5 * v * v;
        }
        FeatureSpace.TransitionCache cache = space.new TransitionCache(theta);
        for (EncodedSequence s : enc) {
            LinearChain c = space.chain(s, cache);
            expect += c.energy(s.labels()) - ChainDynamicProgram.freeEnergy(c);
        }
        double f = new NegativeLogLikelihood(space, enc, 0.5, 1).evaluate(theta, new double[theta.length]);
        assertEquals(expect, f, 1e-9 * Math.abs(expect));
    }

    @Test
    void resultDoesNotDependOnTheThreadCount() {
        List<Sequence> data = SyntheticTagging.sentences(40, 8, 15);
        FeatureSpace space = FeatureSpace.build(FeatureTemplates.parse(TEMPLATE, "t"), data);
        List<EncodedSequence> enc = CrfTrainer.encode(space, data);
        double[] theta = randomTheta(space.size(), 16);
        double[] g1 = new double[theta.length];
        double[] g3 = new double[theta.length];
        double f1 = new NegativeLogLikelihood(space, enc, 0.1, 1).evaluate(theta, g1);
        double f3 = new NegativeLogLikelihood(space, enc, 0.1, 3).evaluate(theta, g3);
        assertEquals(f1, f3, 0);
        assertArrayEquals(g1, g3, 0);
    }

    @Test
    void lbfgsDecreasesTheLossAndLearnsTheTask() {
        List<Sequence> train = SyntheticTagging.sentences(300, 12, 17);
        List<Sequence> test = SyntheticTagging.sentences(200, 12, 18);
        List<Double> losses = new ArrayList<>();
        LinearChainCrf model = new LikelihoodTrainer(0.1, 200, 1e-6, 5, 6, 2)
                .progress(line -> losses.add(Double.parseDouble(line.replaceAll(".*loss ([0-9.]+),.*", "$1"))))
                .train(FeatureTemplates.parse(SyntheticTagging.TEMPLATE, "t"), train);
        assertTrue(losses.size() >= 2, losses.toString());
        for (int i = 1; i < losses.size(); i++) {
            assertTrue(losses.get(i) <= losses.get(i - 1), "loss went up: " + losses);
        }
        // the loss at θ = 0 is Σ_i T_i log K: training must have cut it by far
        double start = train.stream().mapToInt(Sequence::length).sum() * Math.log(3);
        assertTrue(losses.get(losses.size() - 1) < 0.5 * start, losses + " vs " + start);
        double acc = SyntheticTagging.accuracy(model, test);
        assertTrue(acc > 0.85, "held-out token accuracy " + acc);
    }
}
