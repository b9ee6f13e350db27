package org.ebl4j.nn;

import org.ebl4j.tensor.Pooling;
import org.ebl4j.tensor.Tensor;

/**
 * Average pooling over k × k windows, each channel separately: {@code y[n, c, oh, ow] = (1 / k²) Σ_{i,j}
 * x[n, c, oh·s − p + i, ow·s − p + j]}, padding as 0 and counted in k²; see {@link Pooling#avgPool2d}.
 * No parameters.
 */
public final class AvgPool2d extends Layer {
    private final int kernel;
    private final int stride;
    private final int padding;

    /** Stride = kernel, no padding (PyTorch's default). */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    public AvgPool2d(int kernel, int stride, int padding) {
        Pooling.checkWindow("AvgPool2d", kernel, kernel, stride, stride, padding, padding);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** x [N, C, H, W] → [N, C, Ho, Wo]. */
    @Override
    public Tensor forward(Tensor x) {
        return Pooling.avgPool2d(x, kernel, stride, padding);
    }

    @Override
    public String toString() {
        return "AvgPool2d(kernel " + kernel + ", stride " + stride + ", padding " + padding + ")";
    }
}
