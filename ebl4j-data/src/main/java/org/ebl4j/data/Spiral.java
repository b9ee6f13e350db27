package org.ebl4j.data;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * The 2-D spiral of LeCun's "Energy-Based Unsupervised Learning" lecture (the energy-surface figure): points on a
 * curve winding {@link #TURNS} times around the origin, radius growing linearly from 0.15 to 0.95 with the angle,
 * plus isotropic Gaussian noise. A 1-D manifold in the plane: a good energy is low on the curve and high between
 * its arms.
 */
public final class Spiral {
    /** Turns of the curve. */
    public static final double TURNS = 1.5;

    private Spiral() {
    }

    /** {@code n} points [n, 2]: t ~ U[0, 1], angle 2π·TURNS·t, radius 0.15 + 0.8 t, plus N(0, noise²) per coordinate. */
    public static Tensor sample(int n, double noise, Rng rng) {
        if (n < 1 || !(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("Spiral.sample: need n >= 1 and a finite noise >= 0, got n=" + n
                    + ", noise=" + noise);
        }
        float[] xy = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double t = rng.nextDouble();
            double angle = 2 * Math.PI * TURNS * t;
            double radius = 0.15 + 0.8 * t;
            xy[2 * i] = (float) (radius * Math.cos(angle) + noise * rng.nextGaussian());
            xy[2 * i + 1] = (float) (radius * Math.sin(angle) + noise * rng.nextGaussian());
        }
        return Tensor.of(xy, n, 2);
    }
}
