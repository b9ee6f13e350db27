package org.ebl4j.tensor;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.kernel.Threads;

/**
 * Differentiable 2-D convolution by im2col + GEMM (Chellapilla, Puri &amp; Simard 2006), built from two primitives
 * that are each other's adjoint and each other's backward:
 * <ul>
 *   <li>{@link #unfold} (im2col): {@code cols[n, (c·kh + i)·kw + j, oh·Wo + ow] = x[n, c, oh·sh − ph + i,
 *       ow·sw − pw + j]}, zero outside x (PyTorch's {@code F.unfold} layout);</li>
 *   <li>{@link #fold} (col2im): {@code out[n, c, y, x] = Σ cols[...]} over every entry unfold reads from (y, x),
 *       so overlapping windows add up.</li>
 * </ul>
 * Then {@code conv2d(x) = W·unfold(x)} with W of shape [O, C·kh·kw] and {@code convTranspose2d(x) = fold(Wᵀ·x)}:
 * all gradients, second order included, follow from matmul, unfold and fold. Output size along each axis:
 * {@code Ho = ⌊(H + 2ph − kh) / sh⌋ + 1}. Tensors are laid out [N, C, H, W] (batch, channels, height, width).
 */
public final class Convolution {
    /** Planes × window elements below which unfold and fold run on the calling thread. */
    private static final long MIN_PARALLEL_WORK = 1 << 16;

    private Convolution() {
    }

    /** Window geometry: kernel kh × kw, strides sh, sw, padding ph, pw. */
    record Window(int kh, int kw, int sh, int sw, int ph, int pw) {
        static Window of(String op, int kh, int kw, int sh, int sw, int ph, int pw) {
            checkWindow(op, kh, kw, sh, sw, ph, pw);
            return new Window(kh, kw, sh, sw, ph, pw);
        }

        /**
         * [Ho, Wo] for an input of shape {@code xs} = [N, C, H, W]; {@code other} names the kernel's shape in errors.
         */
        int[] outputSize(String op, int[] xs, String other) {
            if (xs.length != 4) {
                throw new IllegalArgumentException(op + ": input must have shape [N, C, H, W], got " + Shape.str(xs)
                        + " (" + other + ")");
            }
            int hp = xs[2] + 2 * ph;
            int wp = xs[3] + 2 * pw;
            if (kh > hp || kw > wp) {
                throw new IllegalArgumentException(op + ": kernel " + kh + "x" + kw + " is larger than the padded "
                        + "input " + hp + "x" + wp + " (input " + Shape.str(xs) + ", " + other + ", padding " + ph + ","
                        + pw + ")");
            }
            return new int[] {(hp - kh) / sh + 1, (wp - kw) / sw + 1};
        }

        /** A 1×1 window with stride 1 and no padding: unfold and fold are reshapes. */
        boolean isPointwise() {
            return kh == 1 && kw == 1 && sh == 1 && sw == 1 && ph == 0 && pw == 0;
        }

        /** First output column whose window column j lands inside the input (at input column ≥ 0). */
        int firstColumn(int j) {
            return Math.max(0, -Math.floorDiv(j - pw, sw));
        }

        /** One past the last output column (of wo) whose window column j lands inside an input of width w. */
        int endColumn(int j, int w, int wo) {
            return Math.min(wo, Math.floorDiv(w - 1 + pw - j, sw) + 1);
        }
    }

    /**
     * Rejects a non-positive kernel size or stride and a negative padding, naming {@code op} and the values; used by
     * the operations and by module constructors.
     */
    public static void checkWindow(String op, int kh, int kw, int sh, int sw, int ph, int pw) {
        if (kh < 1 || kw < 1 || sh < 1 || sw < 1 || ph < 0 || pw < 0) {
            throw new IllegalArgumentException(op + ": kernel " + kh + "x" + kw + ", stride " + sh + "," + sw
                    + ", padding " + ph + "," + pw + ": kernel sizes and strides must be >= 1, padding >= 0");
        }
    }

    // ---------------------------------------------------------------- unfold / fold

    /** {@link #unfold(Tensor, int, int, int, int, int, int)} with the same stride and padding on both axes. */
    public static Tensor unfold(Tensor x, int kh, int kw, int stride, int padding) {
        return unfold(x, kh, kw, stride, stride, padding, padding);
    }

    /**
     * im2col: x [N, C, H, W] → [N, C·kh·kw, Ho·Wo], row {@code (c·kh + i)·kw + j} holding input channel c shifted by
     * window offset (i, j) at every output position, zero where the window covers padding. Its backward is
     * {@link #fold}. For a 1×1 window with stride 1 and no padding it is a reshape (a view of a contiguous x).
     */
    public static Tensor unfold(Tensor x, int kh, int kw, int sh, int sw, int ph, int pw) {
        return unfold(x, Window.of("unfold", kh, kw, sh, sw, ph, pw), 0f, false);
    }

    /**
     * unfold with {@code padValue} at padded positions (max pooling pads with −∞). Padded entries read no input, so
     * the backward (fold) is the same whatever the value. With {@code onesRow} each image gets a last row of ones,
     * [N, C·kh·kw + 1, L], so that a GEMM with [W | b] adds the bias b in the same pass.
     */
    static Tensor unfold(Tensor x, Window w, float padValue, boolean onesRow) {
        int[] xs = x.rawShape();
        int[] o = w.outputSize("unfold", xs, "kernel " + w.kh() + "x" + w.kw());
        int n = xs[0];
        int c = xs[1];
        int h = xs[2];
        int wd = xs[3];
        if (w.isPointwise() && !onesRow) {
            return x.reshape(n, c, h * wd);
        }
        int ho = o[0];
        int wo = o[1];
        int l = ho * wo;
        int taps = w.kh() * w.kw();
        int rows = c * taps + (onesRow ? 1 : 0);
        Tensor out = Tensor.zeros(n, rows, l);
        Tensor src = x.contiguousData();
        FloatBuffer in = src.storage().buffer();
        FloatBuffer dst = out.storage().buffer();
        int base = src.offset();
        boolean padded = w.ph() > 0 || w.pw() > 0;
        forPlanes(n * c, (long) taps * l, (from, to) -> {
            float[] img = new float[h * wd];
            float[] row = new float[l];
            for (int p = from; p < to; p++) {
                in.get(base + p * h * wd, img);
                int rowBase = (p / c) * rows + (p % c) * taps;
                for (int i = 0; i < w.kh(); i++) {
                    for (int j = 0; j < w.kw(); j++) {
                        if (padded) {
                            Arrays.fill(row, padValue);
                        }
                        int owLo = w.firstColumn(j);
                        int owHi = w.endColumn(j, wd, wo);
                        for (int oh = 0; oh < ho; oh++) {
                            int ih = oh * w.sh() - w.ph() + i;
                            if (ih < 0 || ih >= h) {
                                continue;
                            }
                            int s = ih * wd - w.pw() + j;
                            int d = oh * wo;
                            if (w.sw() == 1) {
                                System.arraycopy(img, s + owLo, row, d + owLo, Math.max(0, owHi - owLo));
                            } else {
                                for (int ow = owLo; ow < owHi; ow++) {
                                    row[d + ow] = img[s + ow * w.sw()];
                                }
                            }
                        }
                        dst.put((rowBase + i * w.kw() + j) * l, row);
                    }
                }
                if (onesRow && p % c == c - 1) {
                    Arrays.fill(row, 1f);
                    dst.put((rowBase + taps) * l, row);
                }
            }
        });
        int k = c * taps;
        return Autodiff.record("unfold", out, new Tensor[] {x},
                g -> new Tensor[] {fold(onesRow ? g.slice(1, 0, k) : g, w, h, wd)});
    }

    /** {@link #fold(Tensor, int, int, int, int, int, int, int, int)} with equal strides and paddings. */
    public static Tensor fold(Tensor cols, int outH, int outW, int kh, int kw, int stride, int padding) {
        return fold(cols, outH, outW, kh, kw, stride, stride, padding, padding);
    }

    /**
     * col2im, the adjoint of {@link #unfold}: cols [N, C·kh·kw, L] → [N, C, outH, outW], each entry added to the
     * input position unfold would have read it from (overlaps sum, padding is dropped). L must equal Ho·Wo of an
     * outH × outW input. Its backward is {@link #unfold}.
     */
    public static Tensor fold(Tensor cols, int outH, int outW, int kh, int kw, int sh, int sw, int ph, int pw) {
        Window w = Window.of("fold", kh, kw, sh, sw, ph, pw);
        int[] cs = cols.rawShape();
        String what = "cols " + Shape.str(cs) + ", kernel " + kh + "x" + kw;
        if (cs.length != 3 || cs[1] % (kh * kw) != 0) {
            throw new IllegalArgumentException("fold: cols must have shape [N, C*" + kh + "*" + kw + ", L], got "
                    + Shape.str(cs));
        }
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("fold: output size " + outH + "x" + outW + " must be positive (" + what
                    + ")");
        }
        int[] o = w.outputSize("fold", new int[] {cs[0], cs[1] / (kh * kw), outH, outW}, what);
        if (o[0] * o[1] != cs[2]) {
            throw new IllegalArgumentException("fold: " + what + " has " + cs[2] + " columns but an output of "
                    + outH + "x" + outW + " has " + o[0] + "x" + o[1] + " window positions");
        }
        return fold(cols, w, outH, outW);
    }

    /** fold after validation. */
    static Tensor fold(Tensor cols, Window w, int h, int wd) {
        int[] cs = cols.rawShape();
        int taps = w.kh() * w.kw();
        int n = cs[0];
        int c = cs[1] / taps;
        if (w.isPointwise()) {
            return cols.reshape(n, c, h, wd);
        }
        int wo = (wd + 2 * w.pw() - w.kw()) / w.sw() + 1;
        int ho = cs[2] / wo;
        int l = cs[2];
        Tensor out = Tensor.zeros(n, c, h, wd);
        // rows of each image must be contiguous; images may lie apart (a slice of unfold's output with a ones row)
        int[] st = cols.rawStrides();
        Tensor src = st[2] == 1 && st[1] == l ? cols : cols.contiguousData();
        int batchStride = src.rawStrides()[0];
        FloatBuffer in = src.storage().buffer();
        FloatBuffer dst = out.storage().buffer();
        int base = src.offset();
        forPlanes(n * c, (long) taps * l, (from, to) -> {
            float[] acc = new float[h * wd];
            float[] row = new float[l];
            for (int p = from; p < to; p++) {
                Arrays.fill(acc, 0f);
                int rowBase = base + (p / c) * batchStride + (p % c) * taps * l;
                for (int i = 0; i < w.kh(); i++) {
                    for (int j = 0; j < w.kw(); j++) {
                        in.get(rowBase + (i * w.kw() + j) * l, row);
                        int owLo = w.firstColumn(j);
                        int owHi = w.endColumn(j, wd, wo);
                        for (int oh = 0; oh < ho; oh++) {
                            int ih = oh * w.sh() - w.ph() + i;
                            if (ih < 0 || ih >= h) {
                                continue;
                            }
                            int s = ih * wd - w.pw() + j;
                            int d = oh * wo;
                            for (int ow = owLo; ow < owHi; ow++) {
                                acc[s + ow * w.sw()] += row[d + ow];
                            }
                        }
                    }
                }
                dst.put(p * h * wd, acc);
            }
        });
        return Autodiff.record("fold", out, new Tensor[] {cols}, g -> new Tensor[] {unfold(g, w, 0f, false)});
    }

    /** Work on planes [from, to). */
    @FunctionalInterface
    private interface PlaneRange {
        void run(int from, int to);
    }

    /**
     * Splits planes 0..count−1 into contiguous ranges over the library's threads. Every plane is handled by one
     * thread in a fixed order, so results do not depend on the thread count.
     */
    private static void forPlanes(int count, long workPerPlane, PlaneRange body) {
        long byWork = Math.max(1, count * workPerPlane / MIN_PARALLEL_WORK);
        int tasks = (int) Math.min(Math.min(Threads.count(), count), byWork);
        Threads.parallelFor(tasks, t -> body.run((int) ((long) count * t / tasks),
                (int) ((long) count * (t + 1) / tasks)));
    }

    // ---------------------------------------------------------------- convolution

    /** {@link #conv2d(Tensor, Tensor, Tensor, int, int, int, int)} with equal strides and paddings. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        return conv2d(x, weight, bias, stride, stride, padding, padding);
    }

    /**
     * Cross-correlation (PyTorch's conv2d): {@code y[n, o, oh, ow] = b[o] + Σ_{c,i,j} W[o, c, i, j]
     * x[n, c, oh·sh − ph + i, ow·sw − pw + j]}, zero padding. x [N, C, H, W], weight [O, C, kh, kw], bias [O] or
     * null; result [N, O, Ho, Wo]. Computed as W[O, C·kh·kw] · unfold(x): one GEMM per image, the weight broadcast
     * over the batch without copying; a bias joins the GEMM as an extra weight column times a row of ones in the
     * unfolded input, which saves a pass over the output forward and a reduction backward (its gradient is the
     * GEMM's).
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int sh, int sw, int ph, int pw) {
        int[] xs = x.rawShape();
        int[] ws = weight.rawShape();
        String both = "input " + Shape.str(xs) + ", weight " + Shape.str(ws);
        if (ws.length != 4) {
            throw new IllegalArgumentException("conv2d: weight must have shape [O, C, kh, kw] (" + both + ")");
        }
        Window w = Window.of("conv2d", ws[2], ws[3], sh, sw, ph, pw);
        int[] o = w.outputSize("conv2d", xs, "weight " + Shape.str(ws));
        if (xs[1] != ws[1]) {
            throw new IllegalArgumentException("conv2d: input has " + xs[1] + " channels but the weight expects "
                    + ws[1] + " (" + both + ")");
        }
        checkBias("conv2d", bias, ws[0], both);
        Tensor w2 = weight.reshape(ws[0], -1);
        Tensor y = bias == null ? w2.matmul(unfold(x, w, 0f, false))
                : Tensor.cat(List.of(w2, bias.reshape(ws[0], 1)), 1).matmul(unfold(x, w, 0f, true));
        return y.reshape(xs[0], ws[0], o[0], o[1]);
    }

    /** {@link #convTranspose2d(Tensor, Tensor, Tensor, int, int, int, int, int, int)} with equal settings per axis. */
    public static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding,
                                         int outputPadding) {
        return convTranspose2d(x, weight, bias, stride, stride, padding, padding, outputPadding, outputPadding);
    }

    /**
     * Transposed convolution (PyTorch's conv_transpose2d), the adjoint of {@link #conv2d} with the same weight:
     * {@code y[n, o, ih·sh − ph + i, iw·sw − pw + j] += W[c, o, i, j] x[n, c, ih, iw]}, plus b[o]. x [N, C, H, W],
     * weight [C, O, kh, kw], bias [O] or null; result [N, O, Hout, Wout] with
     * {@code Hout = (H − 1)·sh − 2ph + kh + oph}, {@code 0 <= oph < sh} choosing among the sizes that a stride-sh
     * convolution maps to H. Computed as fold(W[C, O·kh·kw]ᵀ · x[N, C, H·W]).
     */
    public static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, int sh, int sw, int ph, int pw,
                                         int oph, int opw) {
        int[] xs = x.rawShape();
        int[] ws = weight.rawShape();
        String both = "input " + Shape.str(xs) + ", weight " + Shape.str(ws);
        if (xs.length != 4 || ws.length != 4) {
            throw new IllegalArgumentException("convTranspose2d: input must have shape [N, C, H, W] and weight "
                    + "[C, O, kh, kw] (" + both + ")");
        }
        Window w = Window.of("convTranspose2d", ws[2], ws[3], sh, sw, ph, pw);
        if (xs[1] != ws[0]) {
            throw new IllegalArgumentException("convTranspose2d: input has " + xs[1] + " channels but the weight "
                    + "expects " + ws[0] + " (" + both + ")");
        }
        if (oph < 0 || opw < 0 || oph >= sh || opw >= sw) {
            throw new IllegalArgumentException("convTranspose2d: output padding " + oph + "," + opw
                    + " must be >= 0 and smaller than the stride " + sh + "," + sw + " (" + both + ")");
        }
        int hOut = (xs[2] - 1) * sh - 2 * ph + ws[2] + oph;
        int wOut = (xs[3] - 1) * sw - 2 * pw + ws[3] + opw;
        if (hOut < 1 || wOut < 1) {
            throw new IllegalArgumentException("convTranspose2d: padding " + ph + "," + pw + " leaves an empty "
                    + hOut + "x" + wOut + " output (" + both + ")");
        }
        checkBias("convTranspose2d", bias, ws[1], both);
        Tensor cols = weight.reshape(ws[0], -1).t().matmul(x.reshape(xs[0], xs[1], xs[2] * xs[3]));
        Tensor y = fold(cols, w, hOut, wOut);
        return bias == null ? y : y.add(bias.reshape(ws[1], 1, 1));
    }

    private static void checkBias(String op, Tensor bias, int channels, String both) {
        if (bias != null && (bias.dim() != 1 || bias.shape(0) != channels)) {
            throw new IllegalArgumentException(op + ": bias of shape " + Shape.str(bias.rawShape()) + " must be ["
                    + channels + "] (" + both + ")");
        }
    }
}
