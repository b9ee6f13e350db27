package org.ebl4j.nn;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Standard weight initialisations for a weight of shape [fanOut, fanIn, (kernel...)].
 * fanIn = shape[1] × receptive field, fanOut = shape[0] × receptive field.
 */
public final class Init {
    private Init() {
    }

    static int fanIn(int[] shape) {
        return shape.length < 2 ? shape[0] : shape[1] * receptive(shape);
    }

    static int fanOut(int[] shape) {
        return shape[0] * receptive(shape);
    }

    private static int receptive(int[] shape) {
        int r = 1;
        for (int i = 2; i < shape.length; i++) {
            r *= shape[i];
        }
        return r;
    }

    /** U(−1/√fanIn, 1/√fanIn): PyTorch's default for Linear and Conv2d (kaiming_uniform with a = √5). */
    public static Tensor lecunUniform(Rng rng, int... shape) {
        float b = (float) (1 / Math.sqrt(fanIn(shape)));
        return rng.uniform(-b, b, shape);
    }

    /** Glorot &amp; Bengio (2010): U(−a, a), a = √(6 / (fanIn + fanOut)); suits tanh and sigmoid units. */
    public static Tensor xavierUniform(Rng rng, int... shape) {
        float a = (float) Math.sqrt(6.0 / (fanIn(shape) + fanOut(shape)));
        return rng.uniform(-a, a, shape);
    }

    /** He et al. (2015): N(0, 2 / fanIn); suits ReLU units. */
    public static Tensor kaimingNormal(Rng rng, int... shape) {
        return rng.normal(0f, (float) Math.sqrt(2.0 / fanIn(shape)), shape);
    }

    /** N(0, std²). */
    public static Tensor normal(Rng rng, float std, int... shape) {
        return rng.normal(0f, std, shape);
    }
}
