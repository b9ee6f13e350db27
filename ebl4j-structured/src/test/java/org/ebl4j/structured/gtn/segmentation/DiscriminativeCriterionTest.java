package org.ebl4j.structured.gtn.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.nn.Conv2d;
import org.ebl4j.nn.Linear;
import org.ebl4j.nn.Tanh;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The global criteria against enumeration of every segmentation and labelling, and their gradients. */
class DiscriminativeCriterionTest {
    /** Every segmentation of g: the lists of segment indices of the paths from the first to the last cut. */
    private static List<int[]> segmentations(SegmentationGraph g) {
        List<int[]> out = new ArrayList<>();
        walk(g, 0, new ArrayList<>(), out);
        return out;
    }

    private static void walk(SegmentationGraph g, int cut, List<Integer> path, List<int[]> out) {
        if (cut == g.cuts().length - 1) {
            out.add(path.stream().mapToInt(Integer::intValue).toArray());
            return;
        }
        for (int s = 0; s < g.segments().size(); s++) {
            if (g.segments().get(s).from() == cut) {
                path.add(s);
                walk(g, g.segments().get(s).to(), path, out);
                path.remove(path.size() - 1);
            }
        }
    }

    /**
     * {F(G_Y), F(G), min E(G_Y), min E(G)} by enumeration: G_Y sums over the segmentations into labels.length
     * segments labelled Y, G over every segmentation and every labelling of it (classes^segments each).
     */
    private static double[] bruteForce(SegmentationGraph g, float[] e, int classes, int[] labels) {
        double sumY = 0;
        double sumAll = 0;
        double minY = Double.POSITIVE_INFINITY;
        double minAll = Double.POSITIVE_INFINITY;
        for (int[] seg : segmentations(g)) {
            int n = seg.length;
            for (int code = 0; code < Math.pow(classes, n); code++) {
                double energy = 0;
                boolean readsY = n == labels.length;
                for (int k = 0, rest = code; k < n; k++, rest /= classes) {
                    int c = rest % classes;
                    energy += e[seg[k] * classes + c];
                    readsY &= n == labels.length && c == labels[k];
                }
                sumAll += Math.exp(-energy);
                minAll = Math.min(minAll, energy);
                if (readsY) {
                    sumY += Math.exp(-energy);
                    minY = Math.min(minY, energy);
                }
            }
        }
        return new double[] {-Math.log(sumY), -Math.log(sumAll), minY, minAll};
    }

    @Test
    void lossesEqualEnumerationOverSegmentations() {
        SegmentationGraph g = OverSegmentationTest.toyGraph();
        assertEquals(3, segmentations(g).size());
        int classes = 3;
        Rng rng = new Rng(7);
        for (int[] labels : new int[][] {{1, 2}, {0, 2, 1}, {2}}) {
            Tensor e = rng.uniform(0f, 3f, g.segments().size(), classes);
            double[] want = bruteForce(g, e.toArray(), classes, labels);
            Tensor forward = DiscriminativeCriterion.FORWARD.loss(g.interpretation(e), labels);
            Tensor viterbi = DiscriminativeCriterion.VITERBI.loss(g.interpretation(e), labels);
            assertEquals(want[0] - want[1], forward.item(), 1e-5, "forward, labels " + labels.length);
            assertEquals(want[2] - want[3], viterbi.item(), 1e-5, "viterbi, labels " + labels.length);
            assertTrue(forward.item() > 0 && viterbi.item() >= 0);
        }
        // four labels need four segments: no segmentation has them
        assertTrue(Float.isInfinite(DiscriminativeCriterion.FORWARD.loss(
                g.interpretation(Tensor.zeros(5, classes)), new int[] {0, 0, 0, 0}).item()));
    }

    @Test
    void viterbiLossIsZeroOnceTheBestPathReadsTheLabels() {
        SegmentationGraph g = OverSegmentationTest.toyGraph();
        float[] e = new float[5 * 2];
        java.util.Arrays.fill(e, 4f);
        e[0 * 2 + 1] = 0f; // segment (0, 1) reads 1
        e[3 * 2 + 0] = 0f; // segment (1, 3) reads 0
        Tensor energies = Tensor.of(e, 5, 2);
        assertEquals(0, DiscriminativeCriterion.VITERBI.loss(g.interpretation(energies), new int[] {1, 0}).item());
        assertEquals(8, DiscriminativeCriterion.VITERBI.loss(g.interpretation(energies), new int[] {0, 1}).item(),
                1e-6);
    }

    @Test
    void forwardLossGradientMatchesFiniteDifferencesInTheEnergies() {
        SegmentationGraph g = OverSegmentationTest.toyGraph();
        Tensor e = new Rng(3).uniform(0f, 2f, 5, 3);
        GradCheck.Result r = GradCheck.check(in -> DiscriminativeCriterion.FORWARD.loss(g.interpretation(in[0]),
                new int[] {2, 1}), e);
        assertTrue(r.passed(), r.toString());
    }

    /** A tiny convolutional recogniser of the toy graph's crops: conv 3x3, tanh, linear to 3 class energies. */
    @Test
    void gradientReachesTheRecogniserThroughTheGraph() {
        SegmentationGraph g = OverSegmentationTest.toyGraph();
        Rng rng = new Rng(11);
        Conv2d conv = new Conv2d(1, 2, 3, 1, 0, rng);
        Linear linear = new Linear(2 * 2 * 8, 3, rng);
        Tanh tanh = new Tanh();
        Tensor crops = g.crops(10);
        int[] labels = {0, 2, 1};
        List<Tensor> params = new ArrayList<>(conv.parameters());
        params.addAll(linear.parameters());
        GradCheck.Result r = GradCheck.check(in -> {
            Tensor h = tanh.forward(conv.forward(crops));
            Tensor energies = linear.forward(h.reshape(5, 2 * 2 * 8));
            return DiscriminativeCriterion.FORWARD.loss(g.interpretation(energies), labels);
        }, params.toArray(new Tensor[0]));
        assertTrue(r.passed(), r.toString());
        assertEquals(conv.parameters().get(0).numel() + 2 + linear.parameters().get(0).numel() + 3, r.checked());
    }

    @Test
    void criterionByName() {
        assertEquals(DiscriminativeCriterion.VITERBI, DiscriminativeCriterion.named("Viterbi"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DiscriminativeCriterion.named("hinge"));
        assertTrue(e.getMessage().contains("'hinge'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DiscriminativeCriterion.FORWARD.loss(
                OverSegmentationTest.toyGraph().interpretation(Tensor.zeros(5, 2)), new int[0]));
    }
}
