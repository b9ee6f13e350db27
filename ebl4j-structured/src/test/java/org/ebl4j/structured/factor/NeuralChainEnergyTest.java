package org.ebl4j.structured.factor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.energy.loss.HingeLoss;
import org.ebl4j.energy.loss.LogLoss;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.loss.LossOutput;
import org.ebl4j.energy.loss.NegativeLogLikelihoodLoss;
import org.ebl4j.energy.loss.PerceptronLoss;
import org.ebl4j.energy.train.Dataset;
import org.ebl4j.energy.train.Trainer;
import org.ebl4j.nn.Linear;
import org.ebl4j.nn.Sequential;
import org.ebl4j.nn.Tanh;
import org.ebl4j.optim.Adam;
import org.ebl4j.structured.energy.ChainViterbi;
import org.ebl4j.structured.energy.LinearChainEnergy;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** A chain with unary energies from a network: consistency, gradients, the most offending sequence, learning. */
class NeuralChainEnergyTest {
    private static final int K = 3;
    private static final int T = 4;

    private static NeuralChainEnergy energy(long seed, int in) {
        Rng rng = new Rng(seed);
        NeuralChainEnergy e = new NeuralChainEnergy(new Sequential(new Linear(in, 6, rng), new Tanh(),
                new Linear(6, K, rng)), K);
        e.chain().transitions().copyFrom(rng.normal(0, 1, K, K));
        return e;
    }

    private static Tensor labels(int[][] rows) {
        float[] v = new float[rows.length * rows[0].length];
        for (int b = 0; b < rows.length; b++) {
            for (int t = 0; t < rows[b].length; t++) {
                v[b * rows[b].length + t] = rows[b][t];
            }
        }
        return Tensor.of(v, rows.length, rows[0].length);
    }

    @Test
    void energyIsTheChainOverTheNetworksUnaryEnergies() {
        NeuralChainEnergy e = energy(1, 5);
        Tensor x = new Rng(2).normal(0, 1, 3, T, 5);
        Tensor y = labels(new int[][] {{0, 1, 2, 1}, {2, 2, 0, 0}, {1, 0, 1, 2}});
        Tensor u = e.network().forward(x);
        assertArrayEquals(e.chain().energy(u, y).toArray(), e.energy(x, y).toArray(), 1e-6f);
        assertEquals(List.of("network.0.weight", "network.0.bias", "network.2.weight", "network.2.bias",
                "chain.transitions"), List.copyOf(e.namedParameters().keySet()));
        // inference: Viterbi on the network's unary energies
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            assertArrayEquals(new ChainViterbi().infer(e.chain(), u).y().toArray(),
                    NeuralChainEnergy.viterbi().infer(e, x).y().toArray());
        }
        assertEquals("NeuralChainEnergy: the network must map X [3, 4, 4] to unary energies [3, 4, 3], got "
                + "[3, 4, 6]",
                assertThrows(IllegalArgumentException.class, () -> new NeuralChainEnergy(new Linear(4, 6,
                        new Rng(1)), K).energy(Tensor.zeros(3, 4, 4), y)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> NeuralChainEnergy.viterbi().infer(e.chain(), x));
    }

    @Test
    void everyLossHasTheGradientOfFiniteDifferencesInTheNetworkAndTheTransitions() {
        Tensor x = new Rng(4).normal(0, 1, 3, T, 2);
        Tensor y = labels(new int[][] {{0, 1, 2, 1}, {2, 2, 0, 0}, {1, 0, 1, 2}});
        List<Loss> losses = List.of(new NegativeLogLikelihoodLoss(1, NeuralChainEnergy.logPartition()),
                new NegativeLogLikelihoodLoss(2.5f, NeuralChainEnergy.logPartition()),
                new PerceptronLoss(NeuralChainEnergy.viterbi()), new HingeLoss(1, new ChainOffendingAnswer()),
                new LogLoss(new ChainOffendingAnswer()), new HingeLoss(1, new ChainOffendingAnswer(0.5f)));
        for (Loss loss : losses) {
            NeuralChainEnergy e = energy(3, 2);
            GradCheck.Result r = GradCheck.check(in -> loss.compute(e, x, y).loss(), 1e-2, 2e-3, 1e-2,
                    e.parameters().toArray(new Tensor[0]));
            assertTrue(r.passed(), loss.name() + ": " + r);
        }
    }

    /** The 81 sequences of length T = 4 over K = 3 labels. */
    private static int[][] allSequences() {
        int[][] all = new int[81][T];
        for (int p = 0; p < 81; p++) {
            for (int t = 0, v = p; t < T; t++, v /= K) {
                all[p][T - 1 - t] = v % K;
            }
        }
        return all;
    }

    private static int hamming(int[] a, int[] b) {
        int d = 0;
        for (int t = 0; t < a.length; t++) {
            d += a[t] != b[t] ? 1 : 0;
        }
        return d;
    }

    @Test
    void theHingePullsUpTheLowestEnergyIncorrectSequencePlainOrLossAugmented() {
        LinearChainEnergy e = new LinearChainEnergy(K);
        e.transitions().copyFrom(new Rng(5).normal(0, 1, K, K));
        Tensor x = new Rng(6).normal(0, 1, 3, T, K);
        int[][] all = allSequences();
        float[][] energies = new float[3][81];
        for (int p = 0; p < 81; p++) {
            float[] en = e.energy(x, labels(new int[][] {all[p], all[p], all[p]})).toArray();
            for (int b = 0; b < 3; b++) {
                energies[b][p] = en[b];
            }
        }
        // sample 0's answer is its best sequence (so the plain Ȳ is the second best), the others are arbitrary
        int best = 0;
        for (int p = 1; p < 81; p++) {
            best = energies[0][p] < energies[0][best] ? p : best;
        }
        int[] correct = {best, 17, 60};
        Tensor y = labels(new int[][] {all[correct[0]], all[correct[1]], all[correct[2]]});
        for (float h : new float[] {0, 0.7f}) {
            ChainOffendingAnswer selector = new ChainOffendingAnswer(h);
            LossOutput out = new HingeLoss(2, selector).compute(e, x, y);
            double expect = 0;
            for (int b = 0; b < 3; b++) {
                // brute force: argmin over the 80 incorrect sequences of E(Y) − hΔ(Y, Y^i)
                int offending = -1;
                double lowest = Double.POSITIVE_INFINITY;
                for (int p = 0; p < 81; p++) {
                    double augmented = energies[b][p] - h * hamming(all[p], all[correct[b]]);
                    if (p != correct[b] && augmented < lowest) {
                        offending = p;
                        lowest = augmented;
                    }
                }
                for (int t = 0; t < T; t++) {
                    assertEquals(all[offending][t], (int) out.contrastive().get(b, t), "h " + h + ", sample " + b);
                }
                expect += Math.max(0, 2 + energies[b][correct[b]] - lowest) / 3;
            }
            assertEquals(expect, out.loss().item(), 1e-5, "h " + h);
            assertArrayEquals(out.contrastive().toArray(), selector.select(e, x, y).toArray(), "h " + h);
        }
        assertEquals("hinge", new HingeLoss(2, new ChainOffendingAnswer()).name());
        assertThrows(IllegalArgumentException.class, () -> new HingeLoss(1, new ChainOffendingAnswer()).compute(
                new org.ebl4j.energy.analytic.GaussianEnergy(new float[] {0}, new float[][] {{1}}), x, y));
        assertThrows(IllegalArgumentException.class, () -> new ChainOffendingAnswer(-1));
        assertThrows(IllegalArgumentException.class, () -> new ChainOffendingAnswer().select(e, x, Tensor.zeros(3, 5)));
    }

    @Test
    void theLossAugmentedHingeIsTheMaxMarginMarkovNetworkLossPlusTheMargin() {
        // M3N: max_Y [Δ(Y, Y^i) + E(Y^i) − E(Y)] over all Y (0 at Y = Y^i); the hinge with h = 1 and margin m is
        // max(0, m + that maximum over Y ≠ Y^i)
        LinearChainEnergy e = new LinearChainEnergy(K);
        e.transitions().copyFrom(new Rng(7).normal(0, 2, K, K));
        Tensor x = new Rng(8).normal(0, 2, 2, T, K);
        int[][] all = allSequences();
        int[] correct = {5, 70};
        Tensor y = labels(new int[][] {all[correct[0]], all[correct[1]]});
        float m = 0.25f;
        double expect = 0;
        for (int b = 0; b < 2; b++) {
            float[] en = new float[81];
            for (int p = 0; p < 81; p++) {
                en[p] = e.energy(x, labels(new int[][] {all[p], all[p]})).get(b);
            }
            double gold = en[correct[b]];
            double worst = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < 81; p++) {
                if (p != correct[b]) {
                    worst = Math.max(worst, hamming(all[p], all[correct[b]]) + gold - en[p]);
                }
            }
            expect += Math.max(0, m + worst) / 2;
        }
        assertEquals(expect, new HingeLoss(m, new ChainOffendingAnswer(1)).compute(e, x, y).loss().item(), 1e-5);
    }

    @Test
    void aNeuralChainLearnsXorLabelsThatALinearChainCannot() {
        Random r = new Random(12);
        Dataset train = xorSequences(r, 300, 10);
        Dataset test = xorSequences(r, 300, 10);
        Rng rng = new Rng(13);
        NeuralChainEnergy linear = new NeuralChainEnergy(new Linear(2, 2, rng), 2);
        NeuralChainEnergy nll = mlpChain(rng);
        NeuralChainEnergy hinge = mlpChain(rng);
        double linearAccuracy = trainAndTest(linear, new NegativeLogLikelihoodLoss(1,
                NeuralChainEnergy.logPartition()), train, test, 25);
        double nllAccuracy = trainAndTest(nll, new NegativeLogLikelihoodLoss(1, NeuralChainEnergy.logPartition()),
                train, test, 25);
        double hingeAccuracy = trainAndTest(hinge, new HingeLoss(1, new ChainOffendingAnswer()), train, test, 60);
        System.out.printf("XOR chain, 300 test sequences of 10: per-position accuracy neural+NLL %.3f, "
                + "neural+hinge %.3f, linear+NLL %.3f%n", nllAccuracy, hingeAccuracy, linearAccuracy);
        assertTrue(nllAccuracy > 0.85, "neural, NLL " + nllAccuracy);
        assertTrue(hingeAccuracy > 0.8, "neural, hinge " + hingeAccuracy);
        assertTrue(linearAccuracy < 0.65, "linear " + linearAccuracy);
        // the transitions learnt that labels persist: staying is cheaper than switching
        Tensor w = nll.chain().transitions();
        assertTrue(w.get(0, 0) + w.get(1, 1) < w.get(0, 1) + w.get(1, 0), "transitions " + w);
    }

    private static NeuralChainEnergy mlpChain(Rng rng) {
        return new NeuralChainEnergy(new Sequential(new Linear(2, 16, rng), new Tanh(), new Linear(16, 2, rng)), 2);
    }

    /** Adam, batches of 50; the per-position accuracy of Viterbi decoding on the test set. */
    private static double trainAndTest(NeuralChainEnergy e, Loss loss, Dataset train, Dataset test, int epochs) {
        Trainer.builder(e, loss, new Adam(e.parameters(), 0.03)).epochs(epochs).batchSize(50).seed(14).build()
                .fit(train);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            float[] found = NeuralChainEnergy.viterbi().infer(e, test.x()).y().toArray();
            float[] truth = test.y().toArray();
            int same = 0;
            for (int i = 0; i < found.length; i++) {
                same += found[i] == truth[i] ? 1 : 0;
            }
            return same / (double) found.length;
        }
    }

    /**
     * Sequences of binary labels that persist (y_t = y_{t−1} with probability 0.8) observed through a XOR: hidden
     * bits c_0 .. c_T with c_t ⊕ c_{t+1} = y_t (flipped with probability 0.1), and X[t] = (±1 for c_t, ±1 for
     * c_{t+1}) + N(0, 0.3²). The label at t is a XOR of the two features, which no linear unary energy separates.
     */
    private static Dataset xorSequences(Random r, int n, int len) {
        float[] x = new float[n * len * 2];
        float[] y = new float[n * len];
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(2);
            int c = r.nextInt(2);
            for (int t = 0; t < len; t++) {
                label = t == 0 || r.nextDouble() < 0.8 ? label : 1 - label;
                int next = c ^ label ^ (r.nextDouble() < 0.1 ? 1 : 0);
                y[i * len + t] = label;
                x[(i * len + t) * 2] = (float) (2 * c - 1 + 0.3 * r.nextGaussian());
                x[(i * len + t) * 2 + 1] = (float) (2 * next - 1 + 0.3 * r.nextGaussian());
                c = next;
            }
        }
        return new Dataset(Tensor.of(x, n, len, 2), Tensor.of(y, n, len));
    }
}
