package org.ebl4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SpiralTest {
    @Test
    void noiselessPointsLieOnTheCurve() {
        float[] p = Spiral.sample(500, 0, new Rng(1)).toArray();
        for (int i = 0; i < 500; i++) {
            double r = Math.hypot(p[2 * i], p[2 * i + 1]);
            double t = (r - 0.15) / 0.8;
            assertTrue(t >= -1e-6 && t <= 1 + 1e-6, "radius " + r);
            double angle = 2 * Math.PI * Spiral.TURNS * t;
            assertEquals(Math.cos(angle) * r, p[2 * i], 1e-5);
            assertEquals(Math.sin(angle) * r, p[2 * i + 1], 1e-5);
        }
    }

    @Test
    void seededAndNoisy() {
        Tensor a = Spiral.sample(50, 0.05, new Rng(2));
        assertArrayEquals(a.toArray(), Spiral.sample(50, 0.05, new Rng(2)).toArray());
        assertArrayEquals(new int[] {50, 2}, a.shape());
        assertThrows(IllegalArgumentException.class, () -> Spiral.sample(0, 0.1, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> Spiral.sample(5, -1, new Rng(1)));
    }
}
