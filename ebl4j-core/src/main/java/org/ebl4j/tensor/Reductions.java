package org.ebl4j.tensor;

import java.nio.FloatBuffer;
import java.util.Arrays;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.kernel.LogSumExpKernel;
import org.ebl4j.kernel.SumKernel;

/** Differentiable reductions along axes: sum (accumulated in float64), max, log-sum-exp, softmax; argmax. */
final class Reductions {
    private Reductions() {
    }

    /** Sum over {@code axes}; the backward broadcasts the gradient back over the reduced axes. */
    static Tensor sum(Tensor x, int[] axes, boolean keepDim) {
        int rank = x.dim();
        boolean[] reduced = new boolean[rank];
        for (int a : axes) {
            reduced[Shape.axis("sum", a, rank)] = true;
        }
        int[] xs = x.rawShape();
        int[] kept = new int[rank];
        for (int i = 0; i < rank; i++) {
            kept[i] = reduced[i] ? 1 : xs[i];
        }
        int[] keptStrides = Shape.contiguousStrides(kept);
        int[] outStrides = new int[rank];
        for (int i = 0; i < rank; i++) {
            outStrides[i] = reduced[i] ? 0 : keptStrides[i];
        }
        double[] acc = new double[Shape.numel(kept)];
        FloatBuffer d = x.storage().buffer();
        if (x.isContiguous() && trailing(xs, reduced)) {
            // each output element sums one run of consecutive elements: no per-row callback
            SumKernel.rows(d, x.offset(), acc.length, acc.length == 0 ? 0 : x.numel() / acc.length, acc);
        } else {
            Strided.forEachRow(xs, new int[][] {x.rawStrides(), outStrides}, new int[] {x.offset(), 0},
                    (offs, inner, n) -> SumKernel.accumulate(d, offs[0], inner[0], n, acc, offs[1], inner[1]));
        }
        int[] outShape = keepDim ? kept : dropAxes(xs, reduced);
        float[] sums = new float[acc.length];
        for (int i = 0; i < acc.length; i++) {
            sums[i] = (float) acc[i];
        }
        Tensor out = Tensor.of(sums, outShape);
        return Autodiff.record("sum", out, new Tensor[] {x}, g -> new Tensor[] {g.reshape(kept).expand(xs)});
    }

    /** True when every reduced axis of size &gt; 1 comes after every kept axis of size &gt; 1. */
    private static boolean trailing(int[] shape, boolean[] reduced) {
        boolean seenReduced = false;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 1) {
                continue;
            }
            if (reduced[i]) {
                seenReduced = true;
            } else if (seenReduced) {
                return false;
            }
        }
        return true;
    }

    private static int[] dropAxes(int[] shape, boolean[] drop) {
        return Arrays.stream(range(shape.length)).filter(i -> !drop[i]).map(i -> shape[i]).toArray();
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** Sums {@code x} down to {@code target}, the shape it was broadcast from. */
    static Tensor sumTo(Tensor x, int[] target) {
        int[] xs = x.rawShape();
        if (Arrays.equals(xs, target)) {
            return x;
        }
        int lead = xs.length - target.length;
        if (lead < 0) {
            throw new IllegalArgumentException("sumTo: shape " + Shape.str(xs) + " cannot be reduced to "
                    + Shape.str(target));
        }
        int[] axes = Arrays.stream(range(xs.length))
                .filter(i -> i < lead || (target[i - lead] == 1 && xs[i] != 1)).toArray();
        for (int i = lead; i < xs.length; i++) {
            if (target[i - lead] != 1 && target[i - lead] != xs[i]) {
                throw new IllegalArgumentException("sumTo: shape " + Shape.str(xs) + " cannot be reduced to "
                        + Shape.str(target));
            }
        }
        return sum(x, axes, true).reshape(target);
    }

    /** Index of the (first) maximum along {@code axis}; the axis is removed from the shape. */
    static Indices argmax(Tensor x, int axis) {
        int rank = x.dim();
        int a = nonEmptyAxis("argmax", x, axis);
        int[] xs = x.rawShape();
        Tensor c = axisLast(x, a);
        FloatBuffer d = c.storage().buffer();
        int len = xs[a];
        int rows = c.numel() / len;
        int[] idx = new int[rows];
        int block = Math.max(1, Math.min(rows, ARGMAX_BLOCK / len)); // rows per bulk copy off the buffer
        float[] values = new float[block * len];
        for (int r0 = 0; r0 < rows; r0 += block) {
            int nr = Math.min(block, rows - r0);
            d.get(c.offset() + r0 * len, values, 0, nr * len);
            for (int r = 0; r < nr; r++) {
                idx[r0 + r] = argmax(values, r * len, len);
            }
        }
        return new Indices(dropAxes(xs, oneAxis(rank, a)), idx);
    }

    /** Floats copied per block by {@link #argmax(Tensor, int)}. */
    private static final int ARGMAX_BLOCK = 4096;

    /** The index of the largest of v[from .. from + len) (the first on ties); the first NaN wins over numbers. */
    private static int argmax(float[] v, int from, int len) {
        int best = 0;
        float bv = v[from];
        for (int i = 1; i < len; i++) {
            float x = v[from + i];
            if (x > bv) {
                bv = x;
                best = i;
            } else if (x != x && bv == bv) { // NaN
                return i;
            }
        }
        return best;
    }

    /** The values of x with axis a moved last, contiguous (x's own storage when that is already its layout). */
    private static Tensor axisLast(Tensor x, int a) {
        return x.detach().permute(axisLastOrder(x.dim(), a)).contiguousData();
    }

    /** 0, 1, ..., rank − 1 without a, then a. */
    private static int[] axisLastOrder(int rank, int a) {
        int[] perm = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            if (i != a) {
                perm[j++] = i;
            }
        }
        perm[rank - 1] = a;
        return perm;
    }

    private static boolean[] oneAxis(int rank, int a) {
        boolean[] b = new boolean[rank];
        b[a] = true;
        return b;
    }

    /** Max along an axis = gather at the argmax, so the gradient goes to the maximal element. */
    static Tensor max(Tensor x, int axis, boolean keepDim) {
        int a = Shape.axis("max", axis, x.dim());
        Indices idx = argmax(x, a);
        int[] kept = x.shape();
        kept[a] = 1;
        Tensor m = x.gather(a, idx.reshape(kept));
        return keepDim ? m : m.squeeze(a);
    }

    /**
     * log Σ exp along an axis in one pass per row ({@link LogSumExpKernel}: m + log Σ exp(x − m), m the row maximum,
     * float64 sum). Backward: g · exp(x − out) = g · softmax(x), with the fused (and differentiable) softmax, which
     * avoids broadcasting out back over the axis (costly for short rows).
     */
    static Tensor logSumExp(Tensor x, int axis, boolean keepDim) {
        int a = nonEmptyAxis("logSumExp", x, axis);
        int[] xs = x.rawShape();
        int[] kept = xs.clone();
        kept[a] = 1;
        Tensor rows = axisLast(x, a);
        Tensor out = Tensor.zeros(kept);
        LogSumExpKernel.logSumExp(rows.storage().buffer(), rows.offset(), out.numel(), xs[a], out.storage().buffer(),
                0);
        Autodiff.record("logSumExp", out, new Tensor[] {x}, g -> new Tensor[] {g.mul(softmax(x, a))});
        return keepDim ? out : out.squeeze(a);
    }

    /**
     * exp(x − logSumExp(x)) along an axis in one pass per row ({@link LogSumExpKernel}). Backward:
     * out · (g − Σ g · out), with tensor operations on the recorded output (differentiable again).
     */
    static Tensor softmax(Tensor x, int axis) {
        int a = nonEmptyAxis("softmax", x, axis);
        int rank = x.dim();
        Tensor rows = axisLast(x, a);
        Tensor soft = Tensor.zeros(rows.rawShape());
        int len = x.rawShape()[a];
        LogSumExpKernel.softmax(rows.storage().buffer(), rows.offset(), soft.numel() / len, len,
                soft.storage().buffer(), 0);
        Tensor out = a == rank - 1 ? soft : soft.permute(inverse(axisLastOrder(rank, a))).contiguousData();
        return Autodiff.record("softmax", out, new Tensor[] {x}, g -> {
            Tensor gy = g.mul(out);
            return new Tensor[] {gy.sub(out.mul(gy.sum(a, true)))};
        });
    }

    private static int nonEmptyAxis(String op, Tensor x, int axis) {
        int a = Shape.axis(op, axis, x.dim());
        if (x.rawShape()[a] == 0) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is empty in shape " + Shape.str(x.rawShape()));
        }
        return a;
    }

    private static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return inv;
    }
}
