package org.ebl4j.nn;

import org.ebl4j.tensor.Convolution;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Transposed 2-D convolution layer, the adjoint of {@link Conv2d} (decoders, deconvolutional nets):
 * {@code y[n, o, ih·s − p + i, iw·s − p + j] += W[c, o, i, j] x[n, c, ih, iw]}, plus b[o]; output size
 * {@code (H − 1)·s − 2p + k + outputPadding}; see {@link Convolution#convTranspose2d}. Parameters as in PyTorch's
 * {@code nn.ConvTranspose2d}: "weight" [in, out, kh, kw] and "bias" [out], both drawn from
 * U(−1/√fanIn, 1/√fanIn) with PyTorch's fanIn = out·kh·kw (weight dimension 1 times the kernel area).
 */
public final class ConvTranspose2d extends AffineLayer {
    private final int in;
    private final int out;
    private final int kh;
    private final int kw;
    private final int sh;
    private final int sw;
    private final int ph;
    private final int pw;
    private final int oph;
    private final int opw;

    /** Square kernel, equal settings on both axes, with bias. */
    public ConvTranspose2d(int inChannels, int outChannels, int kernel, int stride, int padding, int outputPadding,
                           Rng rng) {
        this(inChannels, outChannels, kernel, kernel, stride, stride, padding, padding, outputPadding, outputPadding,
                true, rng);
    }

    public ConvTranspose2d(int inChannels, int outChannels, int kh, int kw, int sh, int sw, int ph, int pw, int oph,
                           int opw, boolean withBias, Rng rng) {
        super(rng, withBias, outChannels, weightShape(inChannels, outChannels, kh, kw, sh, sw, ph, pw, oph, opw));
        this.in = inChannels;
        this.out = outChannels;
        this.kh = kh;
        this.kw = kw;
        this.sh = sh;
        this.sw = sw;
        this.ph = ph;
        this.pw = pw;
        this.oph = oph;
        this.opw = opw;
    }

    /** [in, out, kh, kw], after checking the settings. */
    private static int[] weightShape(int in, int out, int kh, int kw, int sh, int sw, int ph, int pw, int oph,
                                     int opw) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("ConvTranspose2d: channel counts must be positive, got in=" + in
                    + ", out=" + out);
        }
        Convolution.checkWindow("ConvTranspose2d", kh, kw, sh, sw, ph, pw);
        if (oph < 0 || opw < 0 || oph >= sh || opw >= sw) {
            throw new IllegalArgumentException("ConvTranspose2d: output padding " + oph + "," + opw
                    + " must be >= 0 and smaller than the stride " + sh + "," + sw);
        }
        return new int[] {in, out, kh, kw};
    }

    /** x [N, in, H, W] → [N, out, Hout, Wout]. */
    @Override
    public Tensor forward(Tensor x) {
        return Convolution.convTranspose2d(x, weight(), bias(), sh, sw, ph, pw, oph, opw);
    }

    @Override
    public String toString() {
        return "ConvTranspose2d(" + in + "->" + out + ", kernel " + kh + "x" + kw + ", stride " + sh + "," + sw
                + ", padding " + ph + "," + pw + ", output padding " + oph + "," + opw
                + (bias() == null ? ", no bias" : "") + ")";
    }
}
