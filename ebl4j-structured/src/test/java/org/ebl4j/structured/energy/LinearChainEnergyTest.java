package org.ebl4j.structured.energy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.energy.inference.InferenceResult;
import org.ebl4j.energy.loss.LossOutput;
import org.ebl4j.energy.loss.NegativeLogLikelihoodLoss;
import org.ebl4j.energy.loss.PerceptronLoss;
import org.ebl4j.optim.Sgd;
import org.ebl4j.structured.semiring.LogSemiring;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The chain energy inside the framework: energies, Viterbi inference and the NLL / perceptron losses. */
class LinearChainEnergyTest {
    private static final int B = 3;
    private static final int T = 4;
    private static final int K = 3;

    private static LinearChainEnergy energy(long seed) {
        LinearChainEnergy e = new LinearChainEnergy(K);
        e.transitions().copyFrom(new Rng(seed).normal(0, 1, K, K));
        return e;
    }

    /** All K^T label sequences, [K^T, T]. */
    private static int[][] allPaths() {
        int n = (int) Math.pow(K, T);
        int[][] out = new int[n][T];
        for (int p = 0; p < n; p++) {
            for (int t = 0, v = p; t < T; t++, v /= K) {
                out[p][T - 1 - t] = v % K;
            }
        }
        return out;
    }

    /** E of every sequence for sample b, by direct summation. */
    private static double[] bruteEnergies(LinearChainEnergy e, Tensor x, int b) {
        int[][] all = allPaths();
        double[] out = new double[all.length];
        for (int p = 0; p < all.length; p++) {
            double s = 0;
            for (int t = 0; t < T; t++) {
                s += x.get(b, t, all[p][t]);
                if (t > 0) {
                    s += e.transitions().get(all[p][t - 1], all[p][t]);
                }
            }
            out[p] = s;
        }
        return out;
    }

    private static Tensor labels(int[]... rows) {
        float[] v = new float[rows.length * T];
        for (int b = 0; b < rows.length; b++) {
            for (int t = 0; t < T; t++) {
                v[b * T + t] = rows[b][t];
            }
        }
        return Tensor.of(v, rows.length, T);
    }

    @Test
    void energyIsTheSumOfFactors() {
        LinearChainEnergy e = energy(1);
        Tensor x = new Rng(2).normal(0, 1, B, T, K);
        int[][] all = allPaths();
        Tensor y = labels(all[5], all[40], all[77]);
        float[] got = e.energy(x, y).toArray();
        assertEquals(bruteEnergies(e, x, 0)[5], got[0], 1e-5);
        assertEquals(bruteEnergies(e, x, 1)[40], got[1], 1e-5);
        assertEquals(bruteEnergies(e, x, 2)[77], got[2], 1e-5);
    }

    @Test
    void viterbiInferenceFindsTheBruteForceMinimum() {
        LinearChainEnergy e = energy(3);
        Tensor x = new Rng(4).normal(0, 1, B, T, K);
        InferenceResult r = new ChainViterbi().infer(e, x);
        int[][] all = allPaths();
        for (int b = 0; b < B; b++) {
            double[] en = bruteEnergies(e, x, b);
            int best = 0;
            for (int p = 1; p < en.length; p++) {
                best = en[p] < en[best] ? p : best;
            }
            assertEquals(en[best], r.energy().get(b), 1e-5);
            for (int t = 0; t < T; t++) {
                assertEquals(all[best][t], (int) r.y().get(b, t));
            }
        }
        assertEquals(Math.pow(K, T), r.diagnostics().get("paths"));
        // the perceptron loss with Viterbi: zero at the machine's own answer, positive elsewhere
        PerceptronLoss loss = new PerceptronLoss(new ChainViterbi());
        assertEquals(0, loss.compute(e, x, r.y()).loss().item(), 1e-6);
        LossOutput other = loss.compute(e, x, labels(all[0], all[1], all[2]));
        assertTrue(other.loss().item() > 0);
        assertArrayEquals(r.y().toArray(), other.contrastive().toArray());
    }

    @Test
    void nllWithTheForwardAlgorithmIsEnergyMinusFreeEnergy() {
        for (float beta : new float[] {1f, 2.5f}) {
            LinearChainEnergy e = energy(5);
            Tensor x = new Rng(6).normal(0, 1, B, T, K);
            int[][] all = allPaths();
            Tensor y = labels(all[3], all[50], all[80]);
            LossOutput out = new NegativeLogLikelihoodLoss(beta, new ChainLogPartition()).compute(e, x, y);
            double expect = 0;
            float[] ey = e.energy(x, y).toArray();
            for (int b = 0; b < B; b++) {
                double f = Double.POSITIVE_INFINITY;
                for (double v : bruteEnergies(e, x, b)) {
                    f = LogSemiring.softMin(f, beta * v);
                }
                expect += (ey[b] - f / beta) / B;
            }
            assertEquals(expect, out.loss().item(), 1e-5);
            assertNull(out.contrastive());
        }
    }

    @Test
    void nllGradientPassesFiniteDifferences() {
        for (float beta : new float[] {1f, 2f}) {
            LinearChainEnergy e = energy(7);
            Tensor x = new Rng(8).normal(0, 1, B, T, K);
            Tensor y = labels(new int[] {0, 1, 2, 1}, new int[] {2, 2, 0, 0}, new int[] {1, 0, 1, 2});
            NegativeLogLikelihoodLoss loss = new NegativeLogLikelihoodLoss(beta, new ChainLogPartition());
            GradCheck.Result r = GradCheck.check(in -> loss.compute(e, in[0], y).loss(), 1e-2, 2e-3, 1e-2, x,
                    e.transitions());
            assertTrue(r.passed(), "beta " + beta + ": " + r);
        }
    }

    @Test
    void gradientDescentOnTheNllRaisesTheProbabilityOfTheData() {
        // fixed unary energies, trainable transitions: the data always alternate 0, 1, 0, 1
        LinearChainEnergy e = new LinearChainEnergy(K);
        Tensor x = new Rng(9).normal(0, 0.1f, B, T, K);
        int[] alt = {0, 1, 0, 1};
        Tensor y = labels(alt, alt, alt);
        NegativeLogLikelihoodLoss loss = new NegativeLogLikelihoodLoss(1, new ChainLogPartition());
        Sgd sgd = new Sgd(e.parameters(), 0.5);
        double first = 0;
        double last = 0;
        for (int step = 0; step < 60; step++) {
            sgd.zeroGrad();
            Tensor l = loss.compute(e, x, y).loss();
            l.backward();
            sgd.step();
            last = l.item();
            first = step == 0 ? last : first;
        }
        assertTrue(last < 0.25 * first, first + " -> " + last);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            assertArrayEquals(y.toArray(), new ChainViterbi().infer(e, x).y().toArray());
        }
        assertEquals(List.of("transitions"), List.copyOf(e.namedParameters().keySet()));
    }

    @Test
    void badShapesAreRejected() {
        LinearChainEnergy e = new LinearChainEnergy(K);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> e.energy(Tensor.zeros(2, 3, 4), Tensor.zeros(2, 3)));
        assertEquals("LinearChainEnergy: X must hold unary energies of shape [B, T, 3] with T >= 1, got [2, 3, 4]",
                ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> e.energy(Tensor.zeros(2, 3, 3), Tensor.zeros(2, 4)));
        assertEquals("LinearChainEnergy: answers must have shape [2, 3], got [2, 4]", ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.energy(Tensor.zeros(1, 1, 3), Tensor.full(3f, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> new LinearChainEnergy(0));
        assertThrows(IllegalArgumentException.class,
                () -> new ChainViterbi().infer(new org.ebl4j.energy.analytic.GaussianEnergy(new float[] {0},
                        new float[][] {{1}}), Tensor.zeros(1, 1, 1)));
    }
}
