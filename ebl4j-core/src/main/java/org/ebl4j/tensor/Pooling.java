package org.ebl4j.tensor;

import java.nio.FloatBuffer;
import java.util.function.UnaryOperator;

/**
 * Differentiable 2-D pooling over the windows of {@link Convolution#unfold}, each channel pooled separately:
 * x [N, C, H, W] is unfolded to [N, C, kh·kw, Ho·Wo] and reduced over the window axis, so every gradient (second
 * order included) comes from unfold/fold and the reduction. Output size {@code Ho = ⌊(H + 2ph − kh) / sh⌋ + 1};
 * padding may be at most half the kernel (as in PyTorch), so every window holds at least one input element.
 * <ul>
 *   <li>max: {@code max_{window} x}, padding counts as −∞; the gradient goes to the (first) maximal element;</li>
 *   <li>average: {@code (1 / (kh·kw)) Σ_{window} x}, padding counts as 0 and in the divisor (PyTorch's
 *       {@code count_include_pad=True});</li>
 *   <li>L2: {@code sqrt(Σ_{window} x² + eps)}, the sum form of PyTorch's {@code LPPool2d} with p = 2 (no mean);
 *       padding counts as 0. The eps keeps the gradient {@code x / sqrt(Σx² + eps)} finite on all-zero windows
 *       (eps = 0 gives exactly LPPool2d, and NaN gradients there).</li>
 * </ul>
 */
public final class Pooling {
    /** Default eps of {@link #l2Pool2d}: shifts outputs by at most 1e-6 and keeps gradients finite at zero. */
    public static final float L2_EPS = 1e-12f;

    private Pooling() {
    }

    /**
     * Rejects bad window settings as {@link Convolution#checkWindow} does, and a padding larger than half the kernel;
     * used by the operations and by module constructors.
     */
    public static void checkWindow(String op, int kh, int kw, int sh, int sw, int ph, int pw) {
        Convolution.checkWindow(op, kh, kw, sh, sw, ph, pw);
        if (2 * ph > kh || 2 * pw > kw) {
            throw new IllegalArgumentException(op + ": padding " + ph + "," + pw + " must be at most half the kernel "
                    + kh + "x" + kw);
        }
    }

    /** Rejects an L2-pooling eps that is negative, infinite or NaN, naming {@code op}. */
    public static void checkEps(String op, float eps) {
        if (!(eps >= 0f) || Float.isInfinite(eps)) {
            throw new IllegalArgumentException(op + ": eps must be finite and >= 0, got " + eps);
        }
    }

    /** Max pooling with a k × k window, stride k, no padding. */
    public static Tensor maxPool2d(Tensor x, int k) {
        return maxPool2d(x, k, k, 0);
    }

    public static Tensor maxPool2d(Tensor x, int k, int stride, int padding) {
        return maxPool2d(x, k, k, stride, stride, padding, padding);
    }

    /** {@code y[n, c, oh, ow] = max_{i,j} x[n, c, oh·sh − ph + i, ow·sw − pw + j]}, padding as −∞. */
    public static Tensor maxPool2d(Tensor x, int kh, int kw, int sh, int sw, int ph, int pw) {
        return pool("maxPool2d", x, kh, kw, sh, sw, ph, pw, Float.NEGATIVE_INFINITY,
                t -> t.gather(2, windowArgmax(t)).squeeze(2));
    }

    /** Average pooling with a k × k window, stride k, no padding. */
    public static Tensor avgPool2d(Tensor x, int k) {
        return avgPool2d(x, k, k, 0);
    }

    public static Tensor avgPool2d(Tensor x, int k, int stride, int padding) {
        return avgPool2d(x, k, k, stride, stride, padding, padding);
    }

    /** {@code y[n, c, oh, ow] = (1 / (kh·kw)) Σ_{i,j} x[n, c, oh·sh − ph + i, ow·sw − pw + j]}, padding as 0. */
    public static Tensor avgPool2d(Tensor x, int kh, int kw, int sh, int sw, int ph, int pw) {
        return pool("avgPool2d", x, kh, kw, sh, sw, ph, pw, 0f, t -> t.mean(2, false));
    }

    /** L2 pooling with a k × k window, stride k, no padding, eps {@link #L2_EPS}. */
    public static Tensor l2Pool2d(Tensor x, int k) {
        return l2Pool2d(x, k, k, 0);
    }

    /** L2 pooling with eps {@link #L2_EPS}. */
    public static Tensor l2Pool2d(Tensor x, int k, int stride, int padding) {
        return l2Pool2d(x, k, k, stride, stride, padding, padding, L2_EPS);
    }

    /** {@code y[n, c, oh, ow] = sqrt(Σ_{i,j} x[n, c, oh·sh − ph + i, ow·sw − pw + j]² + eps)}, padding as 0. */
    public static Tensor l2Pool2d(Tensor x, int kh, int kw, int sh, int sw, int ph, int pw, float eps) {
        checkEps("l2Pool2d", eps);
        return pool("l2Pool2d", x, kh, kw, sh, sw, ph, pw, 0f, t -> t.square().sum(2, false).add(eps).sqrt());
    }

    /**
     * Position of the (first) maximum of each window of contiguous windows [N, C, taps, L], shaped [N, C, 1, L] for
     * {@link Tensor#gather}; NaN counts as the maximum, as in {@link Tensor#argmax}. A direct scan: argmax along a
     * strided axis would first copy the windows into a permuted layout.
     */
    private static Indices windowArgmax(Tensor windows) {
        int[] ws = windows.rawShape();
        int taps = ws[2];
        int l = ws[3];
        int planes = ws[0] * ws[1];
        FloatBuffer d = windows.storage().buffer();
        int[] idx = new int[planes * l];
        for (int p = 0; p < planes; p++) {
            int base = windows.offset() + p * taps * l;
            for (int j = 0; j < l; j++) {
                int best = 0;
                float bv = d.get(base + j);
                for (int t = 1; t < taps; t++) {
                    float v = d.get(base + t * l + j);
                    if (v > bv || (Float.isNaN(v) && !Float.isNaN(bv))) {
                        bv = v;
                        best = t;
                    }
                }
                idx[p * l + j] = best;
            }
        }
        return new Indices(new int[] {ws[0], ws[1], 1, l}, idx);
    }

    /** Unfolds x into [N, C, kh·kw, Ho·Wo] windows, reduces axis 2 with {@code reduce}, reshapes to [N, C, Ho, Wo]. */
    private static Tensor pool(String op, Tensor x, int kh, int kw, int sh, int sw, int ph, int pw, float padValue,
                               UnaryOperator<Tensor> reduce) {
        checkWindow(op, kh, kw, sh, sw, ph, pw);
        Convolution.Window w = new Convolution.Window(kh, kw, sh, sw, ph, pw);
        int[] xs = x.rawShape();
        int[] o = w.outputSize(op, xs, "kernel " + kh + "x" + kw);
        Tensor windows = Convolution.unfold(x, w, padValue, false).reshape(xs[0], xs[1], kh * kw, o[0] * o[1]);
        return reduce.apply(windows).reshape(xs[0], xs[1], o[0], o[1]);
    }
}
