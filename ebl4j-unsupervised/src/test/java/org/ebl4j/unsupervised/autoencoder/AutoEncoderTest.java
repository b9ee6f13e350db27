package org.ebl4j.unsupervised.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.nn.Linear;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AutoEncoderTest {
    static final float[] DIRECTION = {0.8f, 0.6f};
    static final float[] NORMAL = {-0.6f, 0.8f};
    static final float[] OFFSET = {0.5f, -0.2f};

    /** Points offset + t_i·direction + s_i·normal. */
    static Tensor points(float[] t, float[] s) {
        float[] xy = new float[2 * t.length];
        for (int i = 0; i < t.length; i++) {
            for (int c = 0; c < 2; c++) {
                xy[2 * i + c] = OFFSET[c] + t[i] * DIRECTION[c] + s[i] * NORMAL[c];
            }
        }
        return Tensor.of(xy, t.length, 2);
    }

    static Tensor points(float[] t, float s) {
        float[] same = new float[t.length];
        java.util.Arrays.fill(same, s);
        return points(t, same);
    }

    @Test
    void aLinearOneUnitBottleneckLearnsThePrincipalLineAndItsEnergyIsTheSquaredDistanceToIt() {
        // data: spread 1 along the line, 0.4 across it; the optimal 1-unit linear auto-encoder projects orthogonally
        // on the principal line, so E(Y) = the squared distance to it
        Rng rng = new Rng(1);
        AutoEncoder ae = new AutoEncoder(new Linear(2, 1, rng), new Linear(1, 2, rng))
                .training(new AutoEncoderTraining(300, 500, 1e-2, 2));
        float[] t = new Rng(3).normal(0f, 1f, 2000).toArray();
        float[] across = new Rng(4).normal(0f, 0.4f, 2000).toArray();
        assertSame(ae, ae.fit(points(t, across)));
        float[] probe = {-1f, -0.3f, 0.4f, 1.2f};
        for (float s : new float[] {0f, 0.3f, -0.5f}) {
            float[] e = ae.energy(points(probe, s)).toArray();
            for (float v : e) {
                assertEquals(s * s, v, 0.01 + 0.05 * s * s, "energy at distance " + s + " from the line");
            }
        }
        assertArrayEquals(new int[] {2000, 1}, ae.transform(points(t, 0f)).shape());
        double[] losses = ae.history().series("train_loss");
        assertEquals(0.16, losses[losses.length - 1], 0.02, "the final loss is the variance across the line");
    }

    @Test
    void shapesAndStateAreChecked() {
        Rng rng = new Rng(1);
        AutoEncoder ae = new AutoEncoder(new Linear(2, 1, rng), new Linear(1, 3, rng));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ae.energy(Tensor.zeros(4, 2))).getMessage()
                .contains("reconstruction of input [4, 2] has shape [4, 3]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ae.energy(Tensor.zeros(4))).getMessage()
                .contains("[N, ...]"));
        assertTrue(assertThrows(IllegalStateException.class, ae::history).getMessage().contains("fit"));
        assertThrows(IllegalArgumentException.class, () -> ae.training(null));
        assertThrows(IllegalArgumentException.class, () -> new AutoEncoder(null, new Linear(1, 2, rng)));
    }
}
