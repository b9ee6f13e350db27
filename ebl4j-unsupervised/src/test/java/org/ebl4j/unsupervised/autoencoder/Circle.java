package org.ebl4j.unsupervised.autoencoder;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/** Points on circles in the plane: the 1-D data manifold of the auto-encoder tests. */
final class Circle {
    private Circle() {
    }

    /** {@code n} points of radius {@code radius} at angles drawn uniformly with {@code rng}, [n, 2]. */
    static Tensor random(int n, float radius, Rng rng) {
        float[] xy = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * rng.nextDouble();
            xy[2 * i] = (float) (radius * Math.cos(a));
            xy[2 * i + 1] = (float) (radius * Math.sin(a));
        }
        return Tensor.of(xy, n, 2);
    }

    /** {@code n} evenly spaced points of radius {@code radius}, [n, 2]. */
    static Tensor ring(int n, float radius) {
        float[] xy = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * (i + 0.5) / n;
            xy[2 * i] = (float) (radius * Math.cos(a));
            xy[2 * i + 1] = (float) (radius * Math.sin(a));
        }
        return Tensor.of(xy, n, 2);
    }
}
