package org.ebl4j.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ebl4j.autodiff.Autodiff;

/** Differentiable shape operations: copy-free views where the layout allows, and concatenation. */
final class Views {
    private Views() {
    }

    static Tensor reshape(Tensor x, int[] requested) {
        int[] xs = x.rawShape();
        int[] s = requested.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1 && infer < 0) {
                infer = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException("reshape: bad target shape " + Shape.str(requested));
            } else {
                known *= s[i];
            }
        }
        int n = x.numel();
        if (infer >= 0) {
            if (known == 0 || n % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + Shape.str(xs) + " (" + n
                        + " elements) into " + Shape.str(requested));
            }
            s[infer] = (int) (n / known);
        }
        if (Shape.numel(s) != n) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Shape.str(xs) + " (" + n
                    + " elements) into " + Shape.str(requested));
        }
        if (Arrays.equals(s, xs)) {
            return x;
        }
        Tensor base = x.contiguous();
        Tensor out = base.view(s, Shape.contiguousStrides(s), base.offset());
        return Autodiff.record("reshape", out, new Tensor[] {base}, g -> new Tensor[] {g.reshape(base.rawShape())});
    }

    static Tensor permute(Tensor x, int[] axes) {
        int rank = x.dim();
        if (axes.length != rank) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(axes) + " is not a permutation of the "
                    + rank + " axes of shape " + Shape.str(x.rawShape()));
        }
        int[] inverse = new int[rank];
        boolean[] seen = new boolean[rank];
        int[] s = new int[rank];
        int[] st = new int[rank];
        for (int i = 0; i < rank; i++) {
            int a = Shape.axis("permute", axes[i], rank);
            if (seen[a]) {
                throw new IllegalArgumentException("permute: axis " + a + " repeated in " + Arrays.toString(axes));
            }
            seen[a] = true;
            inverse[a] = i;
            s[i] = x.rawShape()[a];
            st[i] = x.rawStrides()[a];
        }
        Tensor out = x.view(s, st, x.offset());
        return Autodiff.record("permute", out, new Tensor[] {x}, g -> new Tensor[] {g.permute(inverse)});
    }

    static Tensor slice(Tensor x, int axis, int start, int end, int step) {
        int[] xs = x.rawShape();
        int a = Shape.axis("slice", axis, xs.length);
        int len = xs[a];
        int from = start < 0 ? start + len : start;
        int to = end < 0 ? end + len : Math.min(end, len);
        if (step <= 0 || from < 0 || from > len || to < from) {
            throw new IllegalArgumentException("slice: [" + start + ":" + end + ":" + step + "] is not valid on axis "
                    + axis + " of shape " + Shape.str(xs));
        }
        int[] s = xs.clone();
        s[a] = (to - from + step - 1) / step;
        int[] st = x.rawStrides().clone();
        int off = x.offset() + from * st[a];
        st[a] *= step;
        Tensor out = x.view(s, st, off);
        return Autodiff.record("slice", out, new Tensor[] {x}, g -> new Tensor[] {unslice(g, xs, a, from, step)});
    }

    /** The adjoint of slicing: zeros of {@code full} shape with {@code g} written at the sliced positions. */
    private static Tensor unslice(Tensor g, int[] full, int axis, int from, int step) {
        Tensor out = Tensor.zeros(full);
        out.detach().slice(axis, from, full[axis], step).slice(axis, 0, g.shape(axis)).copyFrom(g);
        int gLen = g.shape(axis);
        return Autodiff.record("unslice", out, new Tensor[] {g},
                gg -> new Tensor[] {gg.slice(axis, from, full[axis], step).slice(axis, 0, gLen)});
    }

    static Tensor expand(Tensor x, int[] target) {
        int[] xs = x.rawShape();
        int[] b = Shape.broadcast("expand", xs, target);
        if (!Arrays.equals(b, target)) {
            throw new IllegalArgumentException("expand: shape " + Shape.str(xs) + " cannot be expanded to "
                    + Shape.str(target));
        }
        if (Arrays.equals(xs, target)) {
            return x;
        }
        Tensor out = x.view(target.clone(), x.broadcastStrides(target), x.offset());
        return Autodiff.record("expand", out, new Tensor[] {x}, g -> new Tensor[] {g.sumTo(xs)});
    }

    static Tensor contiguous(Tensor x) {
        if (x.isContiguous()) {
            return x;
        }
        Tensor out = x.contiguousData();
        return Autodiff.record("contiguous", out, new Tensor[] {x}, g -> new Tensor[] {g});
    }

    static Tensor cat(List<Tensor> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("cat: no tensors given");
        }
        int[] first = parts.get(0).rawShape();
        int a = Shape.axis("cat", axis, first.length);
        int total = 0;
        for (Tensor p : parts) {
            int[] ps = p.rawShape();
            boolean ok = ps.length == first.length;
            for (int i = 0; ok && i < ps.length; i++) {
                ok = i == a || ps[i] == first[i];
            }
            if (!ok) {
                throw new IllegalArgumentException("cat: shapes " + Shape.str(first) + " and " + Shape.str(ps)
                        + " differ outside axis " + axis);
            }
            total += ps[a];
        }
        int[] s = first.clone();
        s[a] = total;
        Tensor out = Tensor.zeros(s);
        int[] starts = new int[parts.size()];
        int at = 0;
        for (int i = 0; i < parts.size(); i++) {
            starts[i] = at;
            int len = parts.get(i).rawShape()[a];
            out.detach().slice(a, at, at + len).copyFrom(parts.get(i));
            at += len;
        }
        Tensor[] inputs = parts.toArray(new Tensor[0]);
        return Autodiff.record("cat", out, inputs, g -> {
            Tensor[] gs = new Tensor[inputs.length];
            for (int i = 0; i < gs.length; i++) {
                gs[i] = g.slice(a, starts[i], starts[i] + inputs[i].rawShape()[a]);
            }
            return gs;
        });
    }

    static Tensor stack(List<Tensor> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("stack: no tensors given");
        }
        int a = Shape.axis("stack", axis, parts.get(0).dim() + 1);
        List<Tensor> lifted = new ArrayList<>(parts.size());
        for (Tensor p : parts) {
            lifted.add(p.unsqueeze(a));
        }
        return cat(lifted, a);
    }
}
