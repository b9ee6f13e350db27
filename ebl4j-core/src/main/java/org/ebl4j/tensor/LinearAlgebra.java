package org.ebl4j.tensor;

import java.nio.FloatBuffer;
import java.util.Arrays;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.kernel.Gemm;

/**
 * Differentiable (batched) matrix product on top of the active GEMM kernel. Transposed views are passed to GEMM as
 * transpose flags, never copied; gradients are produced in the same memory layout as their operand, so the
 * gradient of a weight used as {@code W.t()} comes back contiguous.
 */
final class LinearAlgebra {
    private LinearAlgebra() {
    }

    /** How a matrix (last two axes) is handed to GEMM: transposed or not, with its leading dimension. */
    private record Layout(boolean trans, int ld) {
        static Layout of(int rows, int cols, int rowStride, int colStride) {
            if ((colStride == 1 || cols == 1) && (rows == 1 || rowStride >= Math.max(1, cols))) {
                return new Layout(false, rows == 1 ? Math.max(1, cols) : rowStride);
            }
            if ((rowStride == 1 || rows == 1) && (cols == 1 || colStride >= Math.max(1, rows))) {
                return new Layout(true, cols == 1 ? Math.max(1, rows) : colStride);
            }
            return null;
        }
    }

    static Tensor matmul(Tensor a, Tensor b) {
        return matmul(a, b, null);
    }

    /**
     * a·b + c, with c (may be null) broadcast to the product's shape and added inside GEMM (beta = 1), as in
     * BLAS's C = A·B + C: one pass and one tensor less than a product followed by an addition.
     */
    static Tensor matmul(Tensor a, Tensor b, Tensor c) {
        if (a.dim() == 0 || b.dim() == 0) {
            throw new IllegalArgumentException("matmul: needs tensors of rank >= 1, got shapes " + Shape.str(a.shape())
                    + " and " + Shape.str(b.shape()));
        }
        if (a.dim() == 1 || b.dim() == 1) {
            Tensor p = a.dim() == 1 ? matmul(a.unsqueeze(0), b).squeeze(-2) : matmul(a, b.unsqueeze(1)).squeeze(-1);
            return c == null ? p : p.add(c);
        }
        int[] as = a.rawShape();
        int[] bs = b.rawShape();
        int m = as[as.length - 2];
        int k = as[as.length - 1];
        int n = bs[bs.length - 1];
        if (bs[bs.length - 2] != k) {
            throw new IllegalArgumentException("matmul: shapes " + Shape.str(as) + " and " + Shape.str(bs)
                    + " are incompatible (inner dimensions " + k + " and " + bs[bs.length - 2] + ")");
        }
        int[] batch = Shape.broadcast("matmul", Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
        Tensor ac = prepare(a);
        Tensor bc = prepare(b);
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        Tensor out = Tensor.zeros(outShape);
        float beta = 0f;
        if (c != null) {
            out.copyFrom(c.expand(Shape.broadcast("matmul", outShape, c.rawShape())));
            beta = 1f;
        }
        Layout la = layout(ac);
        Layout lb = layout(bc);
        int[] aBatch = batchStrides(ac, batch);
        int[] bBatch = batchStrides(bc, batch);
        FloatBuffer ad = ac.storage().buffer();
        FloatBuffer bd = bc.storage().buffer();
        FloatBuffer od = out.storage().buffer();
        int count = Shape.numel(batch);
        int[] counter = new int[batch.length];
        int ao = ac.offset();
        int bo = bc.offset();
        for (int i = 0; i < count; i++) {
            Gemm.sgemm(la.trans(), lb.trans(), m, n, k, 1f, ad, ao, la.ld(), bd, bo, lb.ld(), beta, od, i * m * n,
                    Math.max(1, n));
            for (int d = batch.length - 1; d >= 0; d--) {
                ao += aBatch[d];
                bo += bBatch[d];
                if (++counter[d] < batch[d]) {
                    break;
                }
                ao -= aBatch[d] * batch[d];
                bo -= bBatch[d] * batch[d];
                counter[d] = 0;
            }
        }
        return Autodiff.record(c == null ? "matmul" : "matmul+add", out, new Tensor[] {a, b, c}, g -> new Tensor[] {
            a.requiresGrad() ? likeLayout(a, () -> g.matmul(b.t()), () -> b.matmul(g.t()).t()).sumTo(as) : null,
            b.requiresGrad() ? likeLayout(b, () -> a.t().matmul(g), () -> g.t().matmul(a).t()).sumTo(bs) : null,
            c != null && c.requiresGrad() ? g.sumTo(c.rawShape()) : null});
    }

    /** xᵀx for x [k, n]: [n, n], by {@link Gemm#gram}; gradient x(g + gᵀ). */
    static Tensor gram(Tensor x) {
        if (x.dim() != 2) {
            throw new IllegalArgumentException("gram: needs a matrix [k, n], got shape " + Shape.str(x.shape()));
        }
        Tensor xc = x.detach().contiguous();
        int k = xc.shape(0);
        int n = xc.shape(1);
        Tensor out = Tensor.zeros(n, n);
        Gemm.gram(n, k, xc.storage().buffer(), xc.offset(), Math.max(1, n), out.storage().buffer(), 0);
        return Autodiff.record("gram", out, new Tensor[] {x}, g -> new Tensor[] {x.matmul(g.add(g.t()))});
    }

    /** Computes a gradient in row-major form, or as the transpose of a row-major product when x is transposed. */
    private static Tensor likeLayout(Tensor x, java.util.function.Supplier<Tensor> rowMajor,
                                     java.util.function.Supplier<Tensor> transposed) {
        Layout l = layout(x);
        return l != null && l.trans() && x.shape(-1) > 1 && x.shape(-2) > 1 ? transposed.get() : rowMajor.get();
    }

    private static Layout layout(Tensor t) {
        int r = t.dim();
        return Layout.of(t.rawShape()[r - 2], t.rawShape()[r - 1], t.rawStrides()[r - 2], t.rawStrides()[r - 1]);
    }

    /** The tensor itself when GEMM can read its matrices in place, else a contiguous copy (data only). */
    private static Tensor prepare(Tensor t) {
        return layout(t) != null ? t : t.contiguousData();
    }

    /** Strides of the operand over the broadcast batch axes (0 where broadcast). */
    private static int[] batchStrides(Tensor t, int[] batch) {
        int tb = t.dim() - 2;
        int[] s = new int[batch.length];
        for (int i = 0; i < tb; i++) {
            int d = batch.length - tb + i;
            s[d] = t.rawShape()[i] == 1 ? 0 : t.rawStrides()[i];
        }
        return s;
    }
}
