package org.ebl4j.nn;

import org.ebl4j.tensor.Pooling;
import org.ebl4j.tensor.Tensor;

/**
 * L2 pooling over k × k windows, each channel separately (the pooling of Hyvärinen's topographic ICA and of
 * Kavukcuoglu et al.'s invariant features): {@code y[n, c, oh, ow] = sqrt(Σ_{i,j} x[n, c, oh·s − p + i,
 * ow·s − p + j]² + eps)}, padding as 0. With eps = 0 it is PyTorch's {@code LPPool2d(2, k, s)} (sum, not mean);
 * eps &gt; 0 keeps gradients finite on all-zero windows. See {@link Pooling#l2Pool2d}. No parameters.
 */
public final class L2Pool2d extends Layer {
    private final int kernel;
    private final int stride;
    private final int padding;
    private final float eps;

    /** Stride = kernel, no padding, eps = {@link Pooling#L2_EPS}. */
    public L2Pool2d(int kernel) {
        this(kernel, kernel, 0, Pooling.L2_EPS);
    }

    public L2Pool2d(int kernel, int stride, int padding, float eps) {
        Pooling.checkWindow("L2Pool2d", kernel, kernel, stride, stride, padding, padding);
        Pooling.checkEps("L2Pool2d", eps);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.eps = eps;
    }

    /** x [N, C, H, W] → [N, C, Ho, Wo]. */
    @Override
    public Tensor forward(Tensor x) {
        return Pooling.l2Pool2d(x, kernel, kernel, stride, stride, padding, padding, eps);
    }

    @Override
    public String toString() {
        return "L2Pool2d(kernel " + kernel + ", stride " + stride + ", padding " + padding + ", eps " + eps + ")";
    }
}
