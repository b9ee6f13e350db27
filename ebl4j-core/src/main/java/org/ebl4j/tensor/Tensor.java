package org.ebl4j.tensor;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.autodiff.Node;
import org.ebl4j.kernel.BinaryKernel;
import org.ebl4j.kernel.UnaryKernel;

/**
 * A dense float32 n-dimensional array: off-heap {@link Storage}, a shape, strides and an offset. Views (reshape of a
 * contiguous tensor, transpose, permute, slice, expand) share storage; operations return new tensors.
 *
 * <p>Operations are differentiable: when one of their inputs {@link #requiresGrad()} and recording is on
 * (outside {@link Autodiff#noGrad()}), they record a graph node and {@link #backward()} fills
 * {@link #grad()} of the leaves. Sign convention of the library: low energy = good, p(Y|X) ∝ exp(−βE).
 */
public final class Tensor {
    private final Storage storage;
    private final int[] shape;
    private final int[] strides;
    private final int offset;

    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;

    Tensor(Storage storage, int[] shape, int[] strides, int offset) {
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    // ---------------------------------------------------------------- creation

    /** A new zero-filled contiguous tensor. */
    public static Tensor zeros(int... shape) {
        int[] s = Shape.validate("zeros", shape);
        return new Tensor(Storage.allocate(Shape.numel(s)), s, Shape.contiguousStrides(s), 0);
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        FloatBuffer d = t.storage.buffer();
        for (int i = 0, n = t.numel(); i < n; i++) {
            d.put(i, value);
        }
        return t;
    }

    public static Tensor zerosLike(Tensor t) {
        return zeros(t.shape);
    }

    public static Tensor onesLike(Tensor t) {
        return ones(t.shape);
    }

    /** A 0-dimensional tensor holding {@code value}. */
    public static Tensor scalar(float value) {
        return full(value, new int[0]);
    }

    /** A tensor of the given shape holding a copy of {@code data} in row-major order. */
    public static Tensor of(float[] data, int... shape) {
        int[] s = Shape.validate("Tensor.of", shape);
        if (Shape.numel(s) != data.length) {
            throw new IllegalArgumentException("Tensor.of: shape " + Shape.str(s) + " needs " + Shape.numel(s)
                    + " values, got " + data.length);
        }
        return new Tensor(Storage.of(data), s, Shape.contiguousStrides(s), 0);
    }

    /** A 1-D tensor of the given values. */
    public static Tensor vector(float... data) {
        return of(data, data.length);
    }

    /** 2-D tensor from rows of equal length. */
    public static Tensor matrix(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("Tensor.matrix: row " + i + " has " + rows[i].length
                        + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        return of(flat, rows.length, cols);
    }

    /** 0, 1, ..., n-1. */
    public static Tensor arange(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return vector(v);
    }

    /** Rows {@code onehot[i, labels[i]] = 1} of width {@code classes}. */
    public static Tensor oneHot(Indices labels, int classes) {
        return Indexing.oneHot(labels, classes);
    }

    /** Concatenation along an existing axis. */
    public static Tensor cat(List<Tensor> parts, int axis) {
        return Views.cat(parts, axis);
    }

    /** Stacking along a new axis. */
    public static Tensor stack(List<Tensor> parts, int axis) {
        return Views.stack(parts, axis);
    }

    // ---------------------------------------------------------------- layout

    public int[] shape() {
        return shape.clone();
    }

    public int shape(int axis) {
        return shape[Shape.axis("shape", axis, shape.length)];
    }

    public int[] strides() {
        return strides.clone();
    }

    public int offset() {
        return offset;
    }

    public int dim() {
        return shape.length;
    }

    public int numel() {
        return Shape.numel(shape);
    }

    public Storage storage() {
        return storage;
    }

    /** True when elements lie in row-major order from {@link #offset()} with no gaps. */
    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    int[] rawShape() {
        return shape;
    }

    int[] rawStrides() {
        return strides;
    }

    Tensor view(int[] newShape, int[] newStrides, int newOffset) {
        return new Tensor(storage, newShape, newStrides, newOffset);
    }

    // ---------------------------------------------------------------- element access (no autodiff)

    /** The value of a one-element tensor. */
    public float item() {
        if (numel() != 1) {
            throw new IllegalStateException("item: tensor of shape " + Shape.str(shape) + " is not a single value");
        }
        return storage.buffer().get(offset);
    }

    public float get(int... index) {
        return storage.buffer().get(position(index));
    }

    /** Writes one element in place (no gradient is recorded). */
    public void set(float value, int... index) {
        storage.buffer().put(position(index), value);
    }

    private int position(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has " + index.length
                    + " coordinates for a tensor of rank " + shape.length);
        }
        int p = offset;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of bounds for shape "
                        + Shape.str(shape));
            }
            p += index[i] * strides[i];
        }
        return p;
    }

    /** A row-major copy of the values. */
    public float[] toArray() {
        Tensor c = contiguousData();
        float[] out = new float[c.numel()];
        c.storage.buffer().get(c.offset, out);
        return out;
    }

    /** Contiguous data without recording a graph node: this tensor itself when already contiguous. */
    Tensor contiguousData() {
        if (isContiguous()) {
            return this;
        }
        Tensor out = zeros(shape);
        FloatBuffer src = storage.buffer();
        FloatBuffer dst = out.storage.buffer();
        int[] pos = {0};
        Strided.forEachRow(shape, new int[][] {strides}, new int[] {offset}, (offs, inner, n) -> {
            UnaryKernel.COPY.apply(src, offs[0], inner[0], dst, pos[0], n);
            pos[0] += n;
        });
        return out;
    }

    /** A contiguous copy of the values in fresh storage, recording nothing. */
    public Tensor contiguousCopy() {
        return zeros(shape).copyFrom(this);
    }

    /** Overwrites this tensor's values with {@code src}'s (same shape), in place, recording nothing. */
    public Tensor copyFrom(Tensor src) {
        if (!Arrays.equals(shape, src.shape)) {
            throw new IllegalArgumentException("copyFrom: shape " + Shape.str(src.shape) + " into shape "
                    + Shape.str(shape));
        }
        FloatBuffer from = src.storage.buffer();
        FloatBuffer to = storage.buffer();
        Strided.forEachRow(shape, new int[][] {strides, src.strides}, new int[] {offset, src.offset},
                (offs, inner, n) -> {
                    if (inner[0] == 1 && inner[1] == 1) { // a run of consecutive elements: one bulk copy
                        to.put(offs[0], from, offs[1], n);
                    } else if (inner[0] == 1) {
                        UnaryKernel.COPY.apply(from, offs[1], inner[1], to, offs[0], n);
                    } else {
                        for (int i = 0; i < n; i++) {
                            to.put(offs[0] + i * inner[0], from.get(offs[1] + i * inner[1]));
                        }
                    }
                });
        return this;
    }

    /** Sets every element to {@code value}, in place. */
    public Tensor fill(float value) {
        FloatBuffer d = storage.buffer();
        Strided.forEachRow(shape, new int[][] {strides}, new int[] {offset}, (offs, inner, n) -> {
            for (int i = 0; i < n; i++) {
                d.put(offs[0] + i * inner[0], value);
            }
        });
        return this;
    }

    /** Applies a binary kernel to this tensor and {@code other} broadcast together, without recording. */
    Tensor zipData(BinaryKernel k, String op, Tensor other) {
        int[] outShape = Shape.broadcast(op, shape, other.shape);
        Tensor out = zeros(outShape);
        FloatBuffer a = storage.buffer();
        FloatBuffer b = other.storage.buffer();
        FloatBuffer o = out.storage.buffer();
        int[] pos = {0};
        Strided.forEachRow(outShape, new int[][] {broadcastStrides(outShape), other.broadcastStrides(outShape)},
                new int[] {offset, other.offset}, (offs, inner, n) -> {
                    k.apply(a, offs[0], inner[0], b, offs[1], inner[1], o, pos[0], n);
                    pos[0] += n;
                });
        return out;
    }

    /** Applies a unary kernel element-wise, without recording. */
    Tensor mapData(UnaryKernel k) {
        Tensor out = zeros(shape);
        FloatBuffer x = storage.buffer();
        FloatBuffer o = out.storage.buffer();
        int[] pos = {0};
        Strided.forEachRow(shape, new int[][] {strides}, new int[] {offset}, (offs, inner, n) -> {
            k.apply(x, offs[0], inner[0], o, pos[0], n);
            pos[0] += n;
        });
        return out;
    }

    /** Strides of this tensor seen with shape {@code target} (it must broadcast to it): 0 on broadcast axes. */
    int[] broadcastStrides(int[] target) {
        int[] s = new int[target.length];
        int lead = target.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            s[lead + i] = shape[i] == 1 ? 0 : strides[i];
        }
        return s;
    }

    // ---------------------------------------------------------------- autodiff

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf tensor (a parameter or an input such as Y in inference) as needing dLoss/dThis. */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null && !value) {
            throw new IllegalStateException("requiresGrad(false) on a computed tensor: use detach()");
        }
        requiresGrad = value;
        return this;
    }

    /** Accumulated gradient of a leaf after {@link #backward()}; null before. */
    public Tensor grad() {
        return grad;
    }

    public void zeroGrad() {
        grad = null;
    }

    /** The operation that produced this tensor, or null for a leaf. */
    public Node gradFn() {
        return gradFn;
    }

    /** Called by {@link Autodiff#record}; not for user code. */
    public void attachGradFn(Node node) {
        gradFn = node;
        requiresGrad = true;
    }

    /** Called by the backward engine: grad += g. */
    public void accumulateGrad(Tensor g) {
        grad = grad == null ? g.contiguousData() : grad.add(g);
    }

    /** Back-propagates from this scalar; see {@link Autodiff#backward(Tensor)}. */
    public void backward() {
        Autodiff.backward(this);
    }

    /** The same values, cut from the graph (shares storage). */
    public Tensor detach() {
        return new Tensor(storage, shape, strides, offset);
    }

    // ---------------------------------------------------------------- element-wise (differentiable)

    public Tensor add(Tensor o) {
        return Pointwise.add(this, o);
    }

    public Tensor add(float c) {
        return Pointwise.add(this, scalar(c));
    }

    public Tensor sub(Tensor o) {
        return Pointwise.sub(this, o);
    }

    public Tensor sub(float c) {
        return Pointwise.add(this, scalar(-c));
    }

    public Tensor mul(Tensor o) {
        return Pointwise.mul(this, o);
    }

    public Tensor mul(float c) {
        return Pointwise.mul(this, scalar(c));
    }

    public Tensor div(Tensor o) {
        return Pointwise.div(this, o);
    }

    public Tensor div(float c) {
        return Pointwise.mul(this, scalar(1f / c));
    }

    /** this^p element-wise. */
    public Tensor pow(float p) {
        return Pointwise.pow(this, p);
    }

    public Tensor maximum(Tensor o) {
        return Pointwise.maximum(this, o);
    }

    public Tensor minimum(Tensor o) {
        return Pointwise.minimum(this, o);
    }

    public Tensor clamp(float lo, float hi) {
        return maximum(scalar(lo)).minimum(scalar(hi));
    }

    public Tensor neg() {
        return Pointwise.neg(this);
    }

    public Tensor exp() {
        return Pointwise.exp(this);
    }

    public Tensor log() {
        return Pointwise.log(this);
    }

    public Tensor tanh() {
        return Pointwise.tanh(this);
    }

    public Tensor sigmoid() {
        return Pointwise.sigmoid(this);
    }

    public Tensor relu() {
        return Pointwise.relu(this);
    }

    public Tensor abs() {
        return Pointwise.abs(this);
    }

    public Tensor sqrt() {
        return Pointwise.sqrt(this);
    }

    /** log(1 + e^x). */
    public Tensor softplus() {
        return Pointwise.softplus(this);
    }

    public Tensor square() {
        return mul(this);
    }

    /** sign(x) (not differentiable: zero gradient). */
    public Tensor sign() {
        return mapData(UnaryKernel.SIGN);
    }

    /** 1 where this &gt; other, else 0 (not differentiable). */
    public Tensor gt(Tensor other) {
        return zipData(BinaryKernel.GREATER, "gt", other);
    }

    /** 1 where this == other, else 0 (not differentiable). */
    public Tensor eq(Tensor other) {
        return zipData(BinaryKernel.EQUAL, "eq", other);
    }

    // ---------------------------------------------------------------- reductions (differentiable)

    /** Sum of all elements (a 0-d tensor). */
    public Tensor sum() {
        return Reductions.sum(this, allAxes(), false);
    }

    public Tensor sum(int axis, boolean keepDim) {
        return Reductions.sum(this, new int[] {axis}, keepDim);
    }

    public Tensor sum(int[] axes, boolean keepDim) {
        return Reductions.sum(this, axes, keepDim);
    }

    public Tensor mean() {
        return sum().div(numel());
    }

    public Tensor mean(int axis, boolean keepDim) {
        return sum(axis, keepDim).div(shape(axis));
    }

    /** Maximum along an axis (gradient flows to the first maximal element). */
    public Tensor max(int axis, boolean keepDim) {
        return Reductions.max(this, axis, keepDim);
    }

    public Tensor min(int axis, boolean keepDim) {
        return Reductions.max(neg(), axis, keepDim).neg();
    }

    /** Position of the maximum along an axis (axis removed from the shape). */
    public Indices argmax(int axis) {
        return Reductions.argmax(this, axis);
    }

    /** log Σ exp along an axis, computed as m + log Σ exp(x − m) with m the maximum. */
    public Tensor logSumExp(int axis, boolean keepDim) {
        return Reductions.logSumExp(this, axis, keepDim);
    }

    public Tensor softmax(int axis) {
        return Reductions.softmax(this, axis);
    }

    public Tensor logSoftmax(int axis) {
        return sub(logSumExp(axis, true));
    }

    /** Sums broadcast dimensions away so the result has {@code target} shape (the adjoint of broadcasting). */
    public Tensor sumTo(int[] target) {
        return Reductions.sumTo(this, target);
    }

    private int[] allAxes() {
        int[] a = new int[shape.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        return a;
    }

    // ---------------------------------------------------------------- views and shape (differentiable)

    /** Same elements in a new shape; one dimension may be -1. A view when contiguous, else a copy. */
    public Tensor reshape(int... newShape) {
        return Views.reshape(this, newShape);
    }

    /** Collapses all dimensions after the first: [N, ...] → [N, rest]. */
    public Tensor flatten() {
        return reshape(shape.length == 0 ? 1 : shape[0], -1);
    }

    public Tensor permute(int... axes) {
        return Views.permute(this, axes);
    }

    public Tensor transpose(int a, int b) {
        int r = shape.length;
        int[] axes = allAxes();
        axes[Shape.axis("transpose", a, r)] = Shape.axis("transpose", b, r);
        axes[Shape.axis("transpose", b, r)] = Shape.axis("transpose", a, r);
        return permute(axes);
    }

    /** Transpose of the last two axes. */
    public Tensor t() {
        if (shape.length < 2) {
            throw new IllegalArgumentException("t: needs rank >= 2, got shape " + Shape.str(shape));
        }
        return transpose(-2, -1);
    }

    /** Elements {@code start, start+step, ...} below {@code end} along an axis (a view). */
    public Tensor slice(int axis, int start, int end, int step) {
        return Views.slice(this, axis, start, end, step);
    }

    public Tensor slice(int axis, int start, int end) {
        return slice(axis, start, end, 1);
    }

    /** Broadcasts size-1 dimensions (and new leading ones) to {@code target} without copying. */
    public Tensor expand(int... target) {
        return Views.expand(this, target);
    }

    public Tensor unsqueeze(int axis) {
        int r = shape.length + 1;
        int a = Shape.axis("unsqueeze", axis, r);
        int[] s = new int[r];
        for (int i = 0, j = 0; i < r; i++) {
            s[i] = i == a ? 1 : shape[j++];
        }
        return reshape(s);
    }

    public Tensor squeeze(int axis) {
        int a = Shape.axis("squeeze", axis, shape.length);
        if (shape[a] != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " has size " + shape[a] + " in shape "
                    + Shape.str(shape));
        }
        int[] s = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != a) {
                s[j++] = shape[i];
            }
        }
        return reshape(s);
    }

    /** A contiguous tensor with the same values (this one when already contiguous). */
    public Tensor contiguous() {
        return Views.contiguous(this);
    }

    // ---------------------------------------------------------------- linear algebra, indexing

    /** The Gram matrix xᵀx of this matrix [k, n]: [n, n], symmetric (half the work of {@code t().matmul(this)}). */
    public Tensor gram() {
        return LinearAlgebra.gram(this);
    }

    /** Matrix product over the last two axes, with NumPy broadcasting of leading (batch) axes. */
    public Tensor matmul(Tensor other) {
        return LinearAlgebra.matmul(this, other);
    }

    /**
     * The affine map of a fully connected layer, this · weightᵀ + bias (PyTorch's F.linear): weight [out, in],
     * bias [out] or null; the bias is added inside the matrix product.
     */
    public Tensor linear(Tensor weight, Tensor bias) {
        if (weight.dim() != 2 || dim() == 0 || shape(-1) != weight.shape(1)
                || (bias != null && (bias.dim() != 1 || bias.shape(0) != weight.shape(0)))) {
            throw new IllegalArgumentException("linear: input " + Shape.str(shape) + ", weight "
                    + Shape.str(weight.shape) + (bias == null ? "" : ", bias " + Shape.str(bias.shape))
                    + " do not fit (need weight [out, in], input [..., in], bias [out])");
        }
        return LinearAlgebra.matmul(this, weight.t(), bias);
    }

    /** out[..., i, ...] = this[..., index[..., i, ...], ...] along {@code axis} (index has the output's shape). */
    public Tensor gather(int axis, Indices index) {
        return Indexing.gather(this, axis, index);
    }

    /**
     * The adjoint of {@link #gather}: a tensor of {@code shape}, zero except
     * out[c with c[axis] = index[c]] += this[c] (index has this tensor's shape).
     */
    public Tensor scatterAdd(int axis, Indices index, int... shape) {
        return Indexing.scatterAdd(this, Shape.axis("scatterAdd", axis, shape.length), index, shape);
    }

    /** Rows (along axis 0) picked by {@code rows}, e.g. a mini-batch. */
    public Tensor indexSelect(Indices rows) {
        return Indexing.indexSelect(this, rows);
    }

    @Override
    public String toString() {
        float[] v = toArray();
        String values = Arrays.toString(v.length > 16 ? Arrays.copyOf(v, 16) : v);
        if (v.length > 16) {
            values = values.substring(0, values.length() - 1) + ", ...]";
        }
        return "Tensor" + Shape.str(shape) + (gradFn != null ? "(" + gradFn.name() + ")" : "") + values;
    }
}
