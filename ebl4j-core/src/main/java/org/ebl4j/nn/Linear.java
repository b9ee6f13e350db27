package org.ebl4j.nn;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/** y = x Wᵀ + b, W of shape [out, in] (PyTorch layout), applied to the last axis of x. */
public final class Linear extends Module {
    private final int in;
    private final int out;
    private final Tensor weight;
    private final Tensor bias;

    /** With bias; weights and bias drawn from U(−1/√in, 1/√in) as in PyTorch. */
    public Linear(int in, int out, Rng rng) {
        this(in, out, true, rng);
    }

    public Linear(int in, int out, boolean withBias, Rng rng) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear: sizes must be positive, got in=" + in + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        weight = parameter("weight", Init.lecunUniform(rng, out, in));
        float b = (float) (1 / Math.sqrt(in));
        bias = withBias ? parameter("bias", rng.uniform(-b, b, out)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() == 0 || x.shape(-1) != in) {
            throw new IllegalArgumentException("Linear(" + in + "->" + out + "): input of shape "
                    + Shape.str(x.shape()) + " must end in " + in);
        }
        return x.linear(weight, bias);
    }

    public Tensor weight() {
        return weight;
    }

    /** The bias, or null when built without one. */
    public Tensor bias() {
        return bias;
    }

    @Override
    public String toString() {
        return "Linear(" + in + "->" + out + (bias == null ? ", no bias" : "") + ")";
    }
}
