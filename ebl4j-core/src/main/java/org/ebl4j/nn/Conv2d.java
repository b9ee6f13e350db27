package org.ebl4j.nn;

import org.ebl4j.tensor.Convolution;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * 2-D convolution layer (LeCun et al. 1998): {@code y[n, o] = b[o] + Σ_c W[o, c] ⋆ x[n, c]}, a cross-correlation
 * with stride and zero padding; see {@link Convolution#conv2d}. Parameters as in PyTorch's {@code nn.Conv2d}:
 * "weight" [out, in, kh, kw] and "bias" [out], both drawn from U(−1/√fanIn, 1/√fanIn), fanIn = in·kh·kw.
 */
public final class Conv2d extends AffineLayer {
    private final int in;
    private final int out;
    private final int kh;
    private final int kw;
    private final int sh;
    private final int sw;
    private final int ph;
    private final int pw;

    /** Square kernel, equal stride and padding on both axes, with bias. */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, Rng rng) {
        this(inChannels, outChannels, kernel, kernel, stride, stride, padding, padding, true, rng);
    }

    public Conv2d(int inChannels, int outChannels, int kh, int kw, int sh, int sw, int ph, int pw, boolean withBias,
                  Rng rng) {
        super(rng, withBias, outChannels, weightShape(inChannels, outChannels, kh, kw, sh, sw, ph, pw));
        this.in = inChannels;
        this.out = outChannels;
        this.kh = kh;
        this.kw = kw;
        this.sh = sh;
        this.sw = sw;
        this.ph = ph;
        this.pw = pw;
    }

    /** [out, in, kh, kw], after checking the settings. */
    private static int[] weightShape(int in, int out, int kh, int kw, int sh, int sw, int ph, int pw) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Conv2d: channel counts must be positive, got in=" + in
                    + ", out=" + out);
        }
        Convolution.checkWindow("Conv2d", kh, kw, sh, sw, ph, pw);
        return new int[] {out, in, kh, kw};
    }

    /** x [N, in, H, W] → [N, out, Ho, Wo]. */
    @Override
    public Tensor forward(Tensor x) {
        return Convolution.conv2d(x, weight(), bias(), sh, sw, ph, pw);
    }

    @Override
    public String toString() {
        return "Conv2d(" + in + "->" + out + ", kernel " + kh + "x" + kw + ", stride " + sh + "," + sw + ", padding "
                + ph + "," + pw + (bias() == null ? ", no bias" : "") + ")";
    }
}
