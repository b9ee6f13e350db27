package org.ebl4j.structured.gtn.segmentation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.nn.Linear;
import org.ebl4j.nn.Sequential;
import org.ebl4j.nn.Tanh;
import org.ebl4j.optim.Adam;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A whole recogniser trained through the graph on strings of three 5-row glyphs written side by side: a small
 * perceptron on each centred crop gives 4 outputs (3 glyphs and garbage), energies = −log softmax. The
 * over-segmentation also cuts the box glyph "0" at its hollow middle, so reading needs the recogniser to give
 * its halves high energy, which only training through the graph teaches (no segment is ever labelled).
 */
class GlobalTrainingTest {
    private static final String[][] GLYPHS = {
        {"###", "#.#", "#.#", "#.#", "###"},
        {"#", "#", "#", "#", "#"},
        {"##", ".#", "##", "#.", "##"}};
    private static final int ROWS = 5;
    private static final int CANVAS = 6;
    private static final OverSegmentation SEG = new OverSegmentation(0.5f, CANVAS, 1, 1);

    record Sample(SegmentationGraph graph, int[] labels) {
    }

    /** Strings of 2 to 4 glyphs with gaps of 1 or 2 columns and ink U(0.7, 1). */
    static List<Sample> strings(int count, Rng rng) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = 2 + rng.nextInt(3);
            int[] labels = new int[n];
            int[] gaps = new int[n];
            int width = 2;
            for (int k = 0; k < n; k++) {
                labels[k] = rng.nextInt(GLYPHS.length);
                gaps[k] = 1 + (k == 0 ? 0 : rng.nextInt(2));
                width += gaps[k] + GLYPHS[labels[k]][0].length();
            }
            float[] image = new float[ROWS * width];
            int x = 0;
            for (int k = 0; k < n; k++) {
                x += gaps[k];
                String[] g = GLYPHS[labels[k]];
                for (int y = 0; y < ROWS; y++) {
                    for (int j = 0; j < g[y].length(); j++) {
                        if (g[y].charAt(j) == '#') {
                            image[y * width + x + j] = 0.7f + 0.3f * (float) rng.nextDouble();
                        }
                    }
                }
                x += g[0].length();
            }
            out.add(new Sample(SEG.segment(image, ROWS, width), labels));
        }
        return out;
    }

    static Tensor energies(Sequential net, SegmentationGraph g) {
        Tensor crops = g.crops(CANVAS);
        return net.forward(crops.reshape(crops.shape(0), ROWS * CANVAS)).logSoftmax(1).neg().slice(1, 0, 3);
    }

    static double accuracy(Sequential net, List<Sample> data) {
        int right = 0;
        try (var s = Autodiff.noGrad()) {
            for (Sample d : data) {
                Reading r = d.graph().read(d.graph().interpretation(energies(net, d.graph())));
                right += Arrays.equals(r.labels(), d.labels()) ? 1 : 0;
            }
        }
        return (double) right / data.size();
    }

    @Test
    void forwardTrainingThroughTheGraphLearnsToReadStrings() {
        assertLearns(DiscriminativeCriterion.FORWARD);
    }

    @Test
    void viterbiTrainingThroughTheGraphLearnsToReadStrings() {
        assertLearns(DiscriminativeCriterion.VITERBI);
    }

    private static void assertLearns(DiscriminativeCriterion criterion) {
        Rng rng = new Rng(5);
        List<Sample> train = strings(60, rng);
        List<Sample> test = strings(100, rng);
        Sequential net = new Sequential(new Linear(ROWS * CANVAS, 16, new Rng(1)), new Tanh(),
                new Linear(16, 4, new Rng(2)));
        double before = accuracy(net, test);
        Adam opt = new Adam(net.parameters(), 0.01);
        for (int epoch = 0; epoch < 6; epoch++) {
            for (Sample s : train) {
                Tensor loss = criterion.loss(s.graph().interpretation(energies(net, s.graph())), s.labels());
                if (Float.isFinite(loss.item())) {
                    opt.zeroGrad();
                    loss.backward();
                    opt.step();
                }
            }
        }
        double after = accuracy(net, test);
        // measured: 0.0 -> 1.0 (forward) and 0.0 -> 0.99 (viterbi)
        assertTrue(before < 0.3 && after > 0.95, criterion + ": string accuracy " + before + " -> " + after);
    }
}
