package org.ebl4j.cli.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MnistMlpTest {
    @Test
    void labelsBecomeTheDiscreteAnswers() {
        assertArrayEquals(new float[] {3, 0, 9}, org.ebl4j.energy.DiscreteEnergy.answers(Indices.of(3, 0, 9)).toArray());
    }

    @Test
    void energyHasOneOutputPerClass() {
        var e = MnistMlp.energy(6, 4, 10, new Rng(1));
        assertEquals(10, e.answers());
        assertArrayEquals(new int[] {2, 10}, e.energies(Tensor.zeros(2, 6)).shape());
    }

    @Test
    void standardisesWithTrainingStatistics() {
        Tensor images = Tensor.of(new float[] {0f, 1f, 0f, 1f}, 1, 2, 2);
        float[] ms = MnistMlp.meanStd(images);
        assertArrayEquals(new float[] {0.5f, 0.5f}, ms, 1e-7f);
        assertArrayEquals(new float[] {-1f, 1f, -1f, 1f}, MnistMlp.standardise(images.reshape(1, 4), ms).toArray(),
                1e-6f);
    }

    @Test
    void configRejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new MnistMlp.Config(1, 1, 8, 4, 0, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new MnistMlp.Config(1, 1, 8, 4, 0.1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new MnistMlp.Config(1, 1, 0, 4, 0.1, 0.9));
    }
}
