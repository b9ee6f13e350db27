package org.ebl4j.energy.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TrainerSettingsTest {
    private final Toys.LinearClassifier energy = new Toys.LinearClassifier(2, 3, new Rng(3));
    private final Trainer.Builder builder = Trainer.builder(energy, new Toys.Nll(),
            new Sgd(energy.parameters(), 0.1));

    private static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void outOfRangeSettingsAreNamedWithTheirRange() {
        assertEquals("Trainer: epochs must be >= 1, got 0", message(() -> builder.epochs(0)));
        assertEquals("Trainer: batchSize must be >= 1, got -5", message(() -> builder.batchSize(-5)));
        assertEquals("Trainer: checkpoint interval (epochs) must be >= 1, got 0",
                message(() -> builder.checkpoints(Path.of("x"), 0)));
        assertEquals("Trainer: clipGradientNorm maxNorm must be a finite number > 0, got 0.0",
                message(() -> builder.clipGradientNorm(0)));
        assertTrue(message(() -> builder.clipGradientNorm(Double.POSITIVE_INFINITY)).contains("finite number > 0"));
        assertTrue(message(() -> builder.schedule(t -> 0.1, null)).contains("[EPOCH, STEP]"));
    }

    @Test
    void optimizerMustUpdateTheEnergysOwnParameters() {
        Toys.LinearClassifier other = new Toys.LinearClassifier(2, 3, new Rng(4));
        assertEquals("Trainer: optimizer parameter 0 of shape [3, 2] is not a parameter of LinearClassifier",
                message(() -> Trainer.builder(energy, new Toys.Nll(), new Sgd(other.parameters(), 0.1))));
        // A subset is fine: the other parameters stay frozen.
        Tensor weight = energy.parameters().get(0);
        float[] bias = energy.parameters().get(1).toArray();
        Trainer.builder(energy, new Toys.Nll(), new Sgd(List.of(weight), 0.1)).epochs(1).build()
                .fit(Toys.blobs(30, new Rng(1)));
        assertArrayEquals(bias, energy.parameters().get(1).toArray());
    }

    @Test
    void datasetRowsMustAgree() {
        assertEquals("Dataset: inputs x [4, 2] and answers y [3] must have the same number of rows",
                message(() -> new Dataset(Tensor.zeros(4, 2), Tensor.zeros(3))));
        assertEquals("Dataset: answers y must have shape [P, ...] with P >= 1, got [0]",
                message(() -> new Dataset(null, Tensor.zeros(0))));
        assertEquals(3, new Dataset(null, Tensor.zeros(3, 2)).size());
    }

    @Test
    void splitIsARandomPartition() {
        Dataset d = new Dataset(Tensor.arange(10).reshape(10, 1), Tensor.arange(10));
        Dataset.Split s = d.split(0.8, new Rng(5));
        assertEquals(8, s.train().size());
        assertEquals(2, s.test().size());
        Set<Float> seen = new HashSet<>();
        for (Dataset part : List.of(s.train(), s.test())) {
            float[] x = part.x().toArray();
            float[] y = part.y().toArray();
            assertArrayEquals(x, y, "rows stay paired");
            for (float v : y) {
                seen.add(v);
            }
        }
        assertEquals(10, seen.size());
        assertTrue(!Arrays.equals(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, s.train().y().toArray()),
                "shuffled");
        assertArrayEquals(s.train().y().toArray(), d.split(0.8, new Rng(5)).train().y().toArray());
        assertEquals("Dataset.split: fraction must be in (0, 1), got 1.0", message(() -> d.split(1, new Rng(5))));
        assertEquals("Dataset.split: fraction 0.01 of 10 samples leaves an empty part",
                message(() -> d.split(0.01, new Rng(5))));
    }
}
