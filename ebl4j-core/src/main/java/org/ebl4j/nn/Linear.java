package org.ebl4j.nn;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/** y = x Wᵀ + b, W of shape [out, in] (PyTorch layout), applied to the last axis of x. */
public final class Linear extends AffineLayer {
    private final int in;
    private final int out;

    /** With bias; weights and bias drawn from U(−1/√in, 1/√in) as in PyTorch. */
    public Linear(int in, int out, Rng rng) {
        this(in, out, true, rng);
    }

    public Linear(int in, int out, boolean withBias, Rng rng) {
        super(rng, withBias, out, weightShape(in, out));
        this.in = in;
        this.out = out;
    }

    private static int[] weightShape(int in, int out) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear: sizes must be positive, got in=" + in + ", out=" + out);
        }
        return new int[] {out, in};
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() == 0 || x.shape(-1) != in) {
            throw new IllegalArgumentException("Linear(" + in + "->" + out + "): input of shape "
                    + Shape.str(x.shape()) + " must end in " + in);
        }
        return x.linear(weight(), bias());
    }

    @Override
    public String toString() {
        return "Linear(" + in + "->" + out + (bias() == null ? ", no bias" : "") + ")";
    }
}
