package org.ebl4j.tensor;

import java.nio.FloatBuffer;
import java.util.Arrays;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.kernel.SumKernel;

/** Differentiable reductions along axes: sum (accumulated in float64), max, log-sum-exp; argmax. */
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
        Strided.forEachRow(xs, new int[][] {x.rawStrides(), outStrides}, new int[] {x.offset(), 0},
                (offs, inner, n) -> SumKernel.accumulate(d, offs[0], inner[0], n, acc, offs[1], inner[1]));
        int[] outShape = keepDim ? kept : dropAxes(xs, reduced);
        Tensor out = Tensor.zeros(outShape);
        FloatBuffer o = out.storage().buffer();
        for (int i = 0; i < acc.length; i++) {
            o.put(i, (float) acc[i]);
        }
        return Autodiff.record("sum", out, new Tensor[] {x}, g -> new Tensor[] {g.reshape(kept).expand(xs)});
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
        int a = Shape.axis("argmax", axis, rank);
        int[] xs = x.rawShape();
        if (xs[a] == 0) {
            throw new IllegalArgumentException("argmax: axis " + axis + " is empty in shape " + Shape.str(xs));
        }
        // move the axis last, then scan rows
        int[] perm = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            if (i != a) {
                perm[j++] = i;
            }
        }
        perm[rank - 1] = a;
        Tensor c = x.detach().permute(perm).contiguousData();
        FloatBuffer d = c.storage().buffer();
        int len = xs[a];
        int rows = c.numel() / len;
        int[] idx = new int[rows];
        for (int r = 0; r < rows; r++) {
            int base = c.offset() + r * len;
            int best = 0;
            float bv = d.get(base);
            for (int i = 1; i < len; i++) {
                float v = d.get(base + i);
                if (v > bv || (Float.isNaN(v) && !Float.isNaN(bv))) {
                    bv = v;
                    best = i;
                }
            }
            idx[r] = best;
        }
        return new Indices(dropAxes(xs, oneAxis(rank, a)), idx);
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

    /** m + log Σ exp(x − m), m = max (treated as a constant; it cancels in the derivative). */
    static Tensor logSumExp(Tensor x, int axis, boolean keepDim) {
        int a = Shape.axis("logSumExp", axis, x.dim());
        Tensor m = x.detach().max(a, true).contiguousData();
        FloatBuffer md = m.storage().buffer();
        for (int i = 0, n = m.numel(); i < n; i++) {
            if (Float.isInfinite(md.get(i))) {
                md.put(i, 0f); // all −inf (or +inf) rows: avoid inf − inf
            }
        }
        Tensor out = x.sub(m).exp().sum(a, true).log().add(m);
        return keepDim ? out : out.squeeze(a);
    }
}
