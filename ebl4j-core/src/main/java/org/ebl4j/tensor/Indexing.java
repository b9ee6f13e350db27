package org.ebl4j.tensor;

import java.nio.FloatBuffer;

import org.ebl4j.autodiff.Autodiff;

/** Differentiable gather / scatter-add along an axis, row selection, and one-hot encoding. */
final class Indexing {
    private Indexing() {
    }

    /** Visits every position of {@code shape} in row-major order with its coordinates. */
    private interface Visitor {
        void visit(int flat, int[] coord);
    }

    private static void forEach(int[] shape, Visitor v) {
        int n = Shape.numel(shape);
        int[] coord = new int[shape.length];
        for (int i = 0; i < n; i++) {
            v.visit(i, coord);
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++coord[d] < shape[d]) {
                    break;
                }
                coord[d] = 0;
            }
        }
    }

    private static void check(String op, int[] xs, int axis, Indices idx) {
        int[] is = idx.shape();
        boolean ok = is.length == xs.length;
        for (int d = 0; ok && d < is.length; d++) {
            ok = d == axis || is[d] <= xs[d];
        }
        if (!ok) {
            throw new IllegalArgumentException(op + ": index of shape " + Shape.str(is) + " does not fit a tensor of "
                    + "shape " + Shape.str(xs) + " along axis " + axis);
        }
        for (int i = 0; i < idx.numel(); i++) {
            int v = idx.get(i);
            if (v < 0 || v >= xs[axis]) {
                throw new IndexOutOfBoundsException(op + ": index " + v + " (entry " + i + ") out of range [0, "
                        + xs[axis] + ") on axis " + axis + " of shape " + Shape.str(xs));
            }
        }
    }

    /** out[c] = x[c with c[axis] replaced by index[c]]. */
    static Tensor gather(Tensor x, int axis, Indices index) {
        int[] xs = x.rawShape();
        int a = Shape.axis("gather", axis, xs.length);
        check("gather", xs, a, index);
        Tensor out = Tensor.zeros(index.shape());
        FloatBuffer src = x.storage().buffer();
        FloatBuffer dst = out.storage().buffer();
        int[] st = x.rawStrides();
        int base = x.offset();
        forEach(index.shape(), (flat, c) -> {
            int p = base;
            for (int d = 0; d < c.length; d++) {
                p += (d == a ? index.get(flat) : c[d]) * st[d];
            }
            dst.put(flat, src.get(p));
        });
        return Autodiff.record("gather", out, new Tensor[] {x}, g -> new Tensor[] {scatterAdd(g, a, index, xs)});
    }

    /** The adjoint of gather: zeros of {@code shape}, then out[c with c[axis] = index[c]] += src[c]. */
    static Tensor scatterAdd(Tensor src, int axis, Indices index, int[] shape) {
        check("scatterAdd", shape, axis, index);
        Tensor s = src.contiguousData();
        Tensor out = Tensor.zeros(shape);
        FloatBuffer from = s.storage().buffer();
        FloatBuffer to = out.storage().buffer();
        int[] st = out.rawStrides();
        int so = s.offset();
        forEach(index.shape(), (flat, c) -> {
            int p = 0;
            for (int d = 0; d < c.length; d++) {
                p += (d == axis ? index.get(flat) : c[d]) * st[d];
            }
            to.put(p, to.get(p) + from.get(so + flat));
        });
        return Autodiff.record("scatterAdd", out, new Tensor[] {src}, g -> new Tensor[] {g.gather(axis, index)});
    }

    /** Rows {@code rows[i]} of x along axis 0, e.g. a mini-batch (whole rows copied in bulk). */
    static Tensor indexSelect(Tensor x, Indices rows) {
        if (rows.shape().length != 1 || x.dim() == 0) {
            throw new IllegalArgumentException("indexSelect: needs 1-D rows and a tensor of rank >= 1, got "
                    + Shape.str(rows.shape()) + " and " + Shape.str(x.rawShape()));
        }
        int[] xs = x.rawShape();
        checkRows("indexSelect", rows, xs[0]);
        Tensor c = x.contiguousData();
        int[] s = xs.clone();
        s[0] = rows.numel();
        Tensor out = Tensor.zeros(s);
        int width = Shape.numel(s) / Math.max(1, s[0]);
        FloatBuffer src = c.storage().buffer();
        FloatBuffer dst = out.storage().buffer();
        for (int r = 0; r < rows.numel(); r++) {
            dst.put(r * width, src, c.offset() + rows.get(r) * width, width);
        }
        return Autodiff.record("indexSelect", out, new Tensor[] {x}, g -> new Tensor[] {indexAdd(g, rows, xs)});
    }

    /** The adjoint of indexSelect: zeros of {@code shape}, then out[rows[i]] += src[i]. */
    static Tensor indexAdd(Tensor src, Indices rows, int[] shape) {
        checkRows("indexAdd", rows, shape[0]);
        Tensor c = src.contiguousData();
        Tensor out = Tensor.zeros(shape);
        int width = Shape.numel(shape) / Math.max(1, shape[0]);
        FloatBuffer from = c.storage().buffer();
        FloatBuffer to = out.storage().buffer();
        for (int r = 0; r < rows.numel(); r++) {
            int o = rows.get(r) * width;
            int f = c.offset() + r * width;
            for (int i = 0; i < width; i++) {
                to.put(o + i, to.get(o + i) + from.get(f + i));
            }
        }
        return Autodiff.record("indexAdd", out, new Tensor[] {src}, g -> new Tensor[] {g.indexSelect(rows)});
    }

    private static void checkRows(String op, Indices rows, int n) {
        for (int i = 0; i < rows.numel(); i++) {
            if (rows.get(i) < 0 || rows.get(i) >= n) {
                throw new IndexOutOfBoundsException(op + ": row " + rows.get(i) + " (entry " + i
                        + ") out of range [0, " + n + ")");
            }
        }
    }

    static Tensor oneHot(Indices labels, int classes) {
        int[] ls = labels.shape();
        int[] s = java.util.Arrays.copyOf(ls, ls.length + 1);
        s[ls.length] = classes;
        Tensor out = Tensor.zeros(s);
        FloatBuffer d = out.storage().buffer();
        for (int i = 0; i < labels.numel(); i++) {
            int v = labels.get(i);
            if (v < 0 || v >= classes) {
                throw new IndexOutOfBoundsException("oneHot: label " + v + " at position " + i + " is outside [0, "
                        + classes + ")");
            }
            d.put(i * classes + v, 1f);
        }
        return out;
    }
}
