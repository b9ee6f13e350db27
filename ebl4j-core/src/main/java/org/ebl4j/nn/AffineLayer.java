package org.ebl4j.nn;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * A layer y = W ⊛ x + b (⊛: a matrix product or a convolution) with a weight and an optional bias, both drawn from
 * PyTorch's default U(−1/√fanIn, 1/√fanIn) and named "weight" and "bias" as in PyTorch.
 */
public abstract class AffineLayer extends Layer {
    private final Tensor weight;
    private final Tensor bias;

    /** Draws the weight of {@code weightShape}, then (when {@code withBias}) a bias of {@code biasSize}. */
    protected AffineLayer(Rng rng, boolean withBias, int biasSize, int... weightShape) {
        weight = parameter("weight", Init.lecunUniform(rng, weightShape));
        float b = (float) (1 / Math.sqrt(Init.fanIn(weightShape)));
        bias = withBias ? parameter("bias", rng.uniform(-b, b, biasSize)) : null;
    }

    public final Tensor weight() {
        return weight;
    }

    /** The bias, or null when built without one. */
    public final Tensor bias() {
        return bias;
    }
}
