package org.ebl4j.unsupervised.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DictionaryLearningTest {
    static final int DIM = 20;
    static final int ATOMS = 30;
    static final double LAMBDA = 0.1;

    /**
     * A known unit-norm dictionary [DIM, ATOMS] and {@code rows} data rows, each a sum of {@code active} of its atoms
     * with weights ±[1, 2], plus noise of standard deviation 0.01.
     */
    record Synthetic(Tensor dictionary, Tensor data) {
        static Synthetic generate(int rows, int active) {
            Rng rng = new Rng(7);
            Tensor w = new SparseCodingEnergy(DIM, ATOMS, 0, rng).dictionary().detach();
            float[] z = new float[rows * ATOMS];
            for (int r = 0; r < rows; r++) {
                int[] order = rng.permutation(ATOMS);
                for (int t = 0; t < active; t++) {
                    double m = 1 + rng.nextDouble();
                    z[r * ATOMS + order[t]] = (float) (rng.nextDouble() < 0.5 ? -m : m);
                }
            }
            return new Synthetic(w, Tensor.of(z, rows, ATOMS).matmul(w.t()).add(rng.normal(0f, 0.01f, rows, DIM)));
        }
    }

    /** For each true atom, the largest |cos| with a learned one. */
    static float[] bestCosines(Tensor learned, Tensor truth) {
        return learned.t().matmul(truth).abs().max(0, false).toArray();
    }

    static void assertRecovered(SparseCoding model, Synthetic s) {
        float[] cos = bestCosines(model.dictionary(), s.dictionary());
        int recovered = 0;
        for (float c : cos) {
            recovered += c > 0.95f ? 1 : 0;
        }
        assertTrue(recovered >= 0.9 * ATOMS, "recovered " + recovered + " of " + ATOMS + " atoms");
        float[] norms = model.dictionary().square().sum(0, false).sqrt().toArray();
        for (float n : norms) {
            assertEquals(1f, n, 1e-5f, "atoms keep unit norm");
        }
        double[] curve = model.learningCurve();
        assertTrue(curve[curve.length - 1] < 0.8 * curve[0], "objective fell from " + curve[0] + " to "
                + curve[curve.length - 1]);
    }

    @Test
    void batchDictionaryLearningRecoversTheGeneratingDictionary() {
        Synthetic s = Synthetic.generate(1000, 2);
        SparseCoding model = new SparseCoding(SparseCodingEnergy.fromSamples(s.data(), ATOMS, LAMBDA, new Rng(99)))
                .inference(new Fista(50, 1e-5)).learner(new DictionaryLearning(40, 0, 1));
        assertRecovered(model.fit(s.data()), s);
    }

    @Test
    void miniBatchDictionaryLearningRecoversTheGeneratingDictionary() {
        Synthetic s = Synthetic.generate(2000, 3);
        SparseCoding model = new SparseCoding(SparseCodingEnergy.fromSamples(s.data(), ATOMS, LAMBDA, new Rng(99)))
                .inference(new Fista(50, 1e-5)).learner(new MiniBatchDictionaryLearning(32, 25, 1));
        assertRecovered(model.fit(s.data()), s);
        // the learned model codes the data sparsely: about 3 active atoms per row
        float[] z = model.transform(s.data()).toArray();
        int active = 0;
        for (float v : z) {
            active += v != 0 ? 1 : 0;
        }
        assertTrue(active < 5 * 2000, "mean active atoms per row " + active / 2000.0);
    }

    @Test
    void anUnusedAtomIsResampledFromTheData() {
        // data in the (0, 1) plane of R^3; atom 2 points along axis 2, so no code ever uses it
        Rng rng = new Rng(3);
        Tensor data = Tensor.cat(java.util.List.of(rng.normal(0f, 1f, 50, 2), Tensor.zeros(50, 1)), 1);
        Tensor w = Tensor.matrix(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        SparseCoding model = new SparseCoding(new SparseCodingEnergy(w, 0.05)).learner(new DictionaryLearning(1, 0, 5));
        model.fit(data);
        Tensor atom = model.dictionary().slice(1, 2, 3);
        assertEquals(1f, atom.square().sum().item(), 1e-5f);
        assertTrue(Math.abs(atom.get(2, 0)) < 0.1f, "the resampled atom lies (up to 1 % noise) in the data plane: "
                + atom);
    }

    @Test
    void learnersAreDeterministicGivenTheirSeed() {
        Synthetic s = Synthetic.generate(500, 3);
        Tensor[] learned = new Tensor[2];
        for (int i = 0; i < 2; i++) {
            learned[i] = new SparseCoding(DIM, ATOMS, LAMBDA, new Rng(4)).inference(new Fista(20, 0))
                    .learner(new MiniBatchDictionaryLearning(64, 1, 8)).fit(s.data()).dictionary();
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(learned[0].toArray(), learned[1].toArray());
    }

    @Test
    void badSettingsAndDataAreRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DictionaryLearning(0, 0, 1)).getMessage()
                .contains("iterations must be >= 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MiniBatchDictionaryLearning(0, 3, 1))
                .getMessage().contains("batchSize and epochs must be >= 1"));
        SparseCoding model = new SparseCoding(4, 6, 0.1, new Rng(1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.fit(Tensor.zeros(10, 5))).getMessage()
                .contains("[N, 4]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SparseCodingEnergy.fromSamples(Tensor.zeros(3, 4), 6, 0.1, new Rng(1))).getMessage()
                .contains("N >= atoms"));
    }
}
