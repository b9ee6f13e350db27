package org.ebl4j.structured.gtn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.nn.Linear;
import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** CTC from graph operations against the direct α-β recursion and against enumerated alignments. */
class CtcTest {
    private static final int BLANK = 0;

    /** The label string an alignment collapses to: repeats merged, then blanks removed. */
    private static List<Integer> collapse(int[] alignment) {
        List<Integer> out = new ArrayList<>();
        for (int t = 0; t < alignment.length; t++) {
            if (alignment[t] != BLANK && (t == 0 || alignment[t] != alignment[t - 1])) {
                out.add(alignment[t]);
            }
        }
        return out;
    }

    /** −log Σ_{alignments collapsing to target} Π_t p_t(a_t), p_t = softmax(−E[t]), over all L^T alignments. */
    private static double bruteForce(float[] e, int frames, int labels, int[] target) {
        List<Integer> want = Arrays.stream(target).boxed().toList();
        double total = 0;
        int[] a = new int[frames];
        for (int code = 0; code < Math.pow(labels, frames); code++) {
            int c = code;
            double logp = 0;
            for (int t = 0; t < frames; t++) {
                a[t] = c % labels;
                c /= labels;
                double z = 0;
                for (int l = 0; l < labels; l++) {
                    z += Math.exp(-e[t * labels + l]);
                }
                logp += -e[t * labels + a[t]] - Math.log(z);
            }
            if (collapse(a).equals(want)) {
                total += Math.exp(logp);
            }
        }
        return -Math.log(total);
    }

    @Test
    void graphCtcEqualsEnumeratedAlignments() {
        Rng rng = new Rng(8);
        int frames = 5;
        int labels = 3;
        for (int[] target : new int[][] {{1}, {1, 2}, {1, 1}, {2, 2, 1}, {}}) {
            Tensor e = rng.normal(0f, 1.5f, frames, labels);
            double expected = bruteForce(e.toArray(), frames, labels, target);
            assertEquals(expected, Ctc.loss(e, target, BLANK).item(), 1e-5, Arrays.toString(target));
            assertEquals(expected, CtcForwardBackward.loss(e, target, BLANK).item(), 1e-5, Arrays.toString(target));
        }
    }

    @Test
    void graphAndDirectCtcAgreeInValueAndGradient() {
        Rng rng = new Rng(9);
        int[][] targets = {{3, 1, 4, 1, 5}, {2, 2}, {1, 1, 1, 2, 2}, {4}, {}, {5, 3, 3, 5, 2, 2, 1}};
        for (int[] target : targets) {
            int frames = 10 + rng.nextInt(10);
            int labels = 6;
            Tensor logits = rng.normal(0f, 2f, frames, labels);
            Tensor e = logits.logSoftmax(1).neg().detach().contiguousCopy().requiresGrad(true);
            Tensor viaGraphs = Ctc.loss(e, target, BLANK);
            Tensor direct = CtcForwardBackward.loss(e, target, BLANK);
            assertEquals(direct.item(), viaGraphs.item(), 1e-5, Arrays.toString(target));
            float[] g1 = Autodiff.grad(viaGraphs, e).toArray();
            float[] g2 = Autodiff.grad(direct, e).toArray();
            assertArrayEquals(g2, g1, 1e-5f, Arrays.toString(target));
        }
        // emissions that are not log-normalised: the second term of the loss normalises them
        Tensor raw = rng.normal(0f, 1f, 7, 4).requiresGrad(true);
        int[] target = {1, 3, 3};
        assertEquals(CtcForwardBackward.loss(raw, target, 0).item(), Ctc.loss(raw, target, 0).item(), 1e-5);
        assertArrayEquals(Autodiff.grad(CtcForwardBackward.loss(raw, target, 0), raw).toArray(),
                Autodiff.grad(Ctc.loss(raw, target, 0), raw).toArray(), 1e-5f);
    }

    @Test
    void gradientsPassFiniteDifferencesThroughLogSoftmax() {
        Rng rng = new Rng(10);
        Tensor logits = rng.normal(0f, 1f, 6, 4);
        int[] target = {1, 1, 3};
        GradCheck.Result graphs = GradCheck.check(x -> Ctc.loss(x[0].logSoftmax(1).neg(), target, BLANK), logits);
        assertTrue(graphs.passed(), graphs.toString());
        GradCheck.Result direct = GradCheck.check(x -> CtcForwardBackward.loss(x[0].logSoftmax(1).neg(), target,
                BLANK), logits);
        assertTrue(direct.passed(), direct.toString());
    }

    @Test
    void lossBackPropagatesToNetworkParametersAndTrains() {
        // a linear layer maps T frames of features to label energies; CTC through graphs trains it
        Rng rng = new Rng(12);
        Tensor x = rng.normal(0f, 1f, 8, 5);
        int[] target = {1, 2, 2};
        Linear layer = new Linear(5, 4, rng);
        Sgd sgd = new Sgd(layer.parameters(), 0.05);
        Tensor first = Ctc.loss(layer.forward(x).logSoftmax(1).neg(), target, BLANK);
        first.backward();
        Tensor[] expected = Autodiff.grad(CtcForwardBackward.loss(layer.forward(x).logSoftmax(1).neg(), target,
                BLANK), layer.parameters().toArray(new Tensor[0]));
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i].toArray(), layer.parameters().get(i).grad().toArray(), 1e-5f);
        }
        float loss = first.item();
        for (int step = 0; step < 50; step++) {
            sgd.zeroGrad();
            Tensor l = Ctc.loss(layer.forward(x).logSoftmax(1).neg(), target, BLANK);
            l.backward();
            sgd.step();
            loss = l.item();
        }
        assertTrue(loss < 0.5 * first.item(), "loss " + first.item() + " -> " + loss);
    }

    @Test
    void impossibleTargetHasInfiniteLoss() {
        // "1 1" needs a blank between the repeats: 3 frames; 2 are too few
        Tensor e = new Rng(11).normal(0f, 1f, 2, 3);
        assertEquals(Float.POSITIVE_INFINITY, Ctc.loss(e, new int[] {1, 1}, BLANK).item());
        assertEquals(Float.POSITIVE_INFINITY, CtcForwardBackward.loss(e, new int[] {1, 1}, BLANK).item());
    }

    @Test
    void ctcGraphAcceptsExactlyTheAlignments() {
        // every string of length 4 over {0, 1, 2} the CTC graph of "1 1" accepts collapses to [1, 1], and back
        Graph g = Ctc.graph(new int[] {1, 1}, BLANK);
        int count = 0;
        int[] a = new int[4];
        for (int code = 0; code < 81; code++) {
            for (int t = 0, c = code; t < 4; t++, c /= 3) {
                a[t] = c % 3;
            }
            boolean accepted = Paths.enumerate(Compose.intersect(Graph.chain(a), g)).size() == 1;
            assertEquals(collapse(a).equals(List.of(1, 1)), accepted, Arrays.toString(a));
            count += accepted ? 1 : 0;
        }
        assertEquals(5, count); // the strings 0* 1+ 0+ 1+ 0* of length 4
    }

    @Test
    void rejectsBadInput() {
        Tensor e = Tensor.zeros(4, 3);
        assertThrows(IllegalArgumentException.class, () -> Ctc.loss(e, new int[] {0}, BLANK));
        assertThrows(IllegalArgumentException.class, () -> Ctc.loss(e, new int[] {3}, BLANK));
        assertThrows(IllegalArgumentException.class, () -> CtcForwardBackward.loss(e, new int[] {1}, 3));
        assertThrows(IllegalArgumentException.class, () -> Ctc.loss(Tensor.zeros(4), new int[] {1}, BLANK));
    }
}
