package org.ebl4j.structured.dtw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ebl4j.energy.train.Dataset;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** NaN-padded batches of variable-length sequences: round trip, lengths, and lengths kept by mini-batching. */
class PaddedSequencesTest {
    @Test
    void padUnpadRoundTripKeepsEveryFrame() {
        Rng rng = new Rng(1);
        List<Tensor> seqs = List.of(rng.normal(0f, 1f, 3, 2), rng.normal(0f, 1f, 1, 2), rng.normal(0f, 1f, 5, 2));
        Tensor x = PaddedSequences.pad(seqs);
        assertArrayEquals(new int[] {3, 5, 2}, x.shape());
        assertArrayEquals(new int[] {3, 1, 5}, PaddedSequences.lengths(x));
        assertTrue(Float.isNaN(x.get(1, 1, 0)));
        List<Tensor> back = PaddedSequences.unpad(x);
        for (int b = 0; b < 3; b++) {
            assertArrayEquals(seqs.get(b).shape(), back.get(b).shape());
            assertArrayEquals(seqs.get(b).toArray(), back.get(b).toArray(), 0f);
        }
        // a mini-batch cut by Dataset.rows keeps each sequence's length in its row
        Dataset d = new Dataset(x, Tensor.vector(0, 1, 2)).rows(Indices.of(new int[] {2, 1}));
        assertArrayEquals(new int[] {5, 1}, PaddedSequences.lengths(d.x()));
    }

    @Test
    void rejectsBadSequencesAndBatches() {
        Rng rng = new Rng(2);
        assertThrows(IllegalArgumentException.class, () -> PaddedSequences.pad(List.of()));
        assertThrows(IllegalArgumentException.class, () -> PaddedSequences.pad(List.of(rng.normal(0f, 1f, 3, 2),
                rng.normal(0f, 1f, 3, 3))));
        assertThrows(IllegalArgumentException.class, () -> PaddedSequences.pad(List.of(Tensor.of(
                new float[] {1, Float.NaN}, 1, 2))));
        assertThrows(IllegalArgumentException.class, () -> PaddedSequences.lengths(rng.normal(0f, 1f, 3, 2)));
        Tensor empty = Tensor.full(Float.NaN, 2, 3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PaddedSequences.lengths(empty));
        assertTrue(e.getMessage().contains("sequence 0"), e.getMessage());
        assertEquals(1, PaddedSequences.lengths(PaddedSequences.pad(List.of(Tensor.zeros(1, 1))))[0]);
    }
}
