package org.ebl4j.optim;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * Updates trainable parameters W from their gradients ∂L/∂W: the "Optimiser updates W" arrow of the learning
 * pipeline. Subclasses implement one update rule ({@link Sgd}, {@link Adam}, {@link AdamW}, {@link Lbfgs}).
 *
 * <p>Updates are written in place into the parameters' storage, so a {@link org.ebl4j.nn.Module} sees them
 * directly. Parameters must be contiguous leaf tensors that require a gradient; a parameter whose gradient is null
 * (it did not take part in the loss) is skipped by {@link #step()}. Gradients are treated as read-only values:
 * autodiff may hand one gradient tensor to several parameters (the backward of {@code a + b} gives both the same
 * tensor), so nothing here writes into a gradient in place.
 *
 * <p>After each step the registered {@link Constraint}s project their parameters back onto the feasible set.
 * {@link #state()} and {@link #loadState(OptimizerState)} save and restore everything the update rule carries from
 * step to step, so training resumed from a checkpoint is bit-identical to uninterrupted training.
 */
public abstract class Optimizer {
    /** Elements per chunk in {@link #updateInChunks}: 16 KiB of parameter and 16 KiB of gradient. */
    private static final int CHUNK = 4096;

    private final String name;
    private final List<Tensor> params;
    private final List<Tensor> constrained = new ArrayList<>();
    private final List<Constraint> constraints = new ArrayList<>();
    private double lr;
    /** Heap copies of the chunk being updated, allocated on first use (see {@link #updateInChunks}). */
    private float[] wScratch;
    private float[] gScratch;

    /** Called by subclasses: {@code name} prefixes error messages, {@code lr} is the initial learning rate. */
    protected Optimizer(String name, List<Tensor> params, double lr) {
        this.name = name;
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException(name + ": got an empty parameter list");
        }
        Map<Tensor, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            String what = name + ": parameter " + i + (p == null ? "" : " of shape " + Shape.str(p.shape()));
            if (p == null) {
                throw new IllegalArgumentException(what + " is null");
            }
            if (!p.requiresGrad() || p.gradFn() != null) {
                throw new IllegalArgumentException(what + " must be a leaf tensor with requiresGrad(true)");
            }
            if (!p.isContiguous()) {
                throw new IllegalArgumentException(what + " must be contiguous (strides "
                        + Arrays.toString(p.strides()) + ")");
            }
            Integer before = seen.put(p, i);
            if (before != null) {
                throw new IllegalArgumentException(what + " is the same tensor as parameter " + before);
            }
        }
        this.params = List.copyOf(params);
        setLearningRate(lr);
    }

    /** One update of every parameter that has a gradient, followed by the constraints' projections. */
    public final void step() {
        update();
        applyConstraints();
    }

    /**
     * Evaluates {@code closure} (which fills the gradients) and takes one {@link #step()}; returns the loss it
     * computed, before the update. {@link Lbfgs} overrides this to evaluate the closure several times.
     */
    public double step(Closure closure) {
        double loss = closure.evaluate();
        step();
        return loss;
    }

    /** The update rule proper, without constraints. */
    protected abstract void update();

    /** An update rule for one parameter, given its index, the parameter and its contiguous gradient. */
    @FunctionalInterface
    protected interface ParameterUpdate {
        void apply(int index, Tensor param, Tensor grad);
    }

    /** Applies {@code rule} to every parameter whose gradient is not null, in order. */
    protected final void forEachGradient(ParameterUpdate rule) {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p.grad() != null) {
                rule.apply(i, p, contiguousGrad(p));
            }
        }
    }

    /**
     * An element-wise rule over elements {@code [from, to)} of a parameter: {@code w} and {@code g} hold the
     * parameter's and its gradient's values at those indices (the same indices as the rule's own state arrays), and
     * the rule updates {@code w} in place.
     */
    @FunctionalInterface
    protected interface ChunkUpdate {
        void apply(float[] w, float[] g, int from, int to);
    }

    /**
     * Runs {@code rule} over {@code param} chunk by chunk: each chunk of the parameter and of its gradient is copied
     * in bulk from off-heap storage into heap arrays at the same indices, updated by a plain array loop, and copied
     * back. Element-wise {@code FloatBuffer} access measured 10–20× slower for Adam's arithmetic, and indexing the
     * state and the chunk differently stops JDK 17's C2 from vectorising the loop, hence scratch arrays as long as
     * the largest parameter of which only the current chunk is touched.
     */
    protected final void updateInChunks(Tensor param, Tensor grad, ChunkUpdate rule) {
        int n = param.numel();
        if (wScratch == null) {
            int largest = 0;
            for (Tensor p : params) {
                largest = Math.max(largest, p.numel());
            }
            wScratch = new float[largest];
            gScratch = new float[largest];
        }
        FloatBuffer wb = param.storage().buffer();
        FloatBuffer gb = grad.storage().buffer();
        int wo = param.offset();
        int go = grad.offset();
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            wb.get(wo + from, wScratch, from, len);
            gb.get(go + from, gScratch, from, len);
            rule.apply(wScratch, gScratch, from, from + len);
            wb.put(wo + from, wScratch, from, len);
        }
    }

    /** Clears every parameter's gradient (to null: the next backward starts from zero). */
    public void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    /** The parameters being optimised, in the order given to the constructor (an unmodifiable list). */
    public final List<Tensor> parameters() {
        return params;
    }

    public final double learningRate() {
        return lr;
    }

    /** Sets the learning rate used by the following steps (a {@link LearningRateSchedule} calls this). */
    public final void setLearningRate(double lr) {
        this.lr = Settings.nonNegative(name, "learning rate lr", lr);
    }

    /**
     * Projects {@code param} with {@code constraint} after every step; several constraints on one parameter apply in
     * the order added. Returns this optimiser.
     */
    public final Optimizer addConstraint(Tensor param, Constraint constraint) {
        if (constraint == null) {
            throw new IllegalArgumentException(name + ".addConstraint: constraint is null");
        }
        if (indexOf(param) < 0) {
            throw new IllegalArgumentException(name + ".addConstraint: the tensor" + (param == null ? " (null)"
                    : " of shape " + Shape.str(param.shape())) + " is not one of the optimised parameters");
        }
        constrained.add(param);
        constraints.add(constraint);
        return this;
    }

    /** Applies the registered constraints; called after each update. */
    protected final void applyConstraints() {
        for (int i = 0; i < constraints.size(); i++) {
            constraints.get(i).project(constrained.get(i));
        }
    }

    private int indexOf(Tensor param) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i) == param) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- state

    /**
     * A snapshot (copies, not views) of everything needed to resume: "optimizer" (the class), "params" (their
     * count), "lr", and the rule's own entries under stable keys such as "param.3.momentum" or "param.3.step".
     */
    public final OptimizerState state() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("optimizer", getClass().getSimpleName());
        values.put("params", Integer.toString(params.size()));
        values.put("lr", Double.toString(lr));
        saveState(tensors, values);
        return new OptimizerState(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(values));
    }

    /**
     * Restores a {@link #state()} saved by an optimiser of the same class over parameters of the same shapes; the
     * state's tensors are copied, so the snapshot can be restored again.
     */
    public final void loadState(OptimizerState state) {
        String kind = value(state, "optimizer");
        if (!kind.equals(getClass().getSimpleName())) {
            throw new IllegalArgumentException(name + ".loadState: state was saved by " + kind);
        }
        int count = Integer.parseInt(value(state, "params"));
        if (count != params.size()) {
            throw new IllegalArgumentException(name + ".loadState: state holds " + count + " parameters, this "
                    + "optimiser has " + params.size());
        }
        setLearningRate(Double.parseDouble(value(state, "lr")));
        restoreState(state);
    }

    /** Adds the rule's entries to a snapshot: tensors holding copies of its arrays, and exact values. */
    protected abstract void saveState(Map<String, Tensor> tensors, Map<String, String> values);

    /** Replaces the rule's entries by those of {@code state} (already checked to come from this class). */
    protected abstract void restoreState(OptimizerState state);

    /** A string entry of {@code state}; fails naming the key when it is missing. */
    protected final String value(OptimizerState state, String key) {
        String v = state.values().get(key);
        if (v == null) {
            throw new IllegalArgumentException(name + ".loadState: missing value '" + key + "'");
        }
        return v;
    }

    /** The values of tensor entry {@code key} of {@code state}, which must have {@code shape}; null when absent. */
    protected final float[] floats(OptimizerState state, String key, int[] shape) {
        Tensor t = state.tensors().get(key);
        if (t == null) {
            return null;
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(name + ".loadState: tensor '" + key + "' has shape "
                    + Shape.str(t.shape()) + ", expected " + Shape.str(shape));
        }
        return t.toArray();
    }

    /** The gradient of {@code param} as a contiguous tensor (the gradient itself when already contiguous). */
    static Tensor contiguousGrad(Tensor param) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return param.grad().contiguous();
        }
    }

    /** The name used in error messages. */
    protected final String name() {
        return name;
    }
}
