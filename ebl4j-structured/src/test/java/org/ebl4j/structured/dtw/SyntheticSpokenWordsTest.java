package org.ebl4j.structured.dtw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ebl4j.energy.train.Dataset;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The generated spoken words: seeded, lengths and labels as documented, noiseless unwarped words = prototypes. */
class SyntheticSpokenWordsTest {
    @Test
    void sameSeedsGiveTheSameDataAndLabelsAreInterleaved() {
        SyntheticSpokenWords words = new SyntheticSpokenWords(3, 20, 0.5, 0.6, 9);
        Dataset a = words.sample(4, new Rng(1));
        Dataset b = new SyntheticSpokenWords(3, 20, 0.5, 0.6, 9).sample(4, new Rng(1));
        assertArrayEquals(a.x().toArray(), b.x().toArray(), 0f);
        assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2}, a.y().toArray(), 0f);
        for (int n : PaddedSequences.lengths(a.x())) {
            assertTrue(n >= 12 && n <= 30, "length " + n);
        }
    }

    @Test
    void noiselessUnwarpedUtterancesAreScaledPrototypes() {
        SyntheticSpokenWords words = new SyntheticSpokenWords(2, 10, 0, 0, 4);
        Dataset d = words.sample(3, new Rng(2));
        List<Tensor> seqs = PaddedSequences.unpad(d.x());
        for (int i = 0; i < seqs.size(); i++) {
            int c = (int) d.y().get(i);
            float[] v = seqs.get(i).toArray();
            int n = seqs.get(i).shape(0);
            double[] first = words.prototype(c, 0);
            double loud = v[0] / first[0];
            assertTrue(loud >= 0.85 && loud <= 1.15, "loudness " + loud);
            for (int t = 0; t < n; t++) {
                double[] p = words.prototype(c, (double) t / (n - 1));
                assertEquals(loud * p[0], v[2 * t], 1e-4);
                assertEquals(loud * p[1], v[2 * t + 1], 1e-4);
            }
        }
        assertArrayEquals(new int[] {10, 2}, words.prototype(1).shape());
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new SyntheticSpokenWords(1, 20, 0.5, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticSpokenWords(3, 20, -1, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticSpokenWords(3, 20, 0.5, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticSpokenWords(3, 20, 0.5, 0.5, 0)
                .sample(0, new Rng(0)));
    }
}
