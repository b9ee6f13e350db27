package org.ebl4j.cli.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MnistMlpTest {
    @Test
    void crossEntropyClosedForms() {
        // equal scores: -log(1/10)
        assertEquals(Math.log(10), MnistMlp.crossEntropy(Tensor.zeros(3, 10), Indices.of(0, 4, 9)).item(), 1e-6);
        // two classes, scores (0, s): loss of label 1 is log(1 + e^-s)
        float s = 1.7f;
        Tensor scores = Tensor.matrix(new float[][] {{0f, s}});
        assertEquals(Math.log1p(Math.exp(-s)), MnistMlp.crossEntropy(scores, Indices.of(1)).item(), 1e-6);
    }

    @Test
    void crossEntropyGradientMatchesFiniteDifferences() {
        Tensor scores = new Rng(4).normal(0f, 2f, 5, 10).requiresGrad(true);
        Indices labels = Indices.of(3, 0, 9, 3, 7);
        GradCheck.Result r = GradCheck.check(in -> MnistMlp.crossEntropy(in[0], labels), scores);
        assertTrue(r.passed(), r.toString());
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
