package org.ebl4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ebl4j.tensor.Tensor;

/**
 * Something with named trainable parameters and child modules: the trainable parameter W of E(W, Y, X). Names
 * follow PyTorch's {@code state_dict} convention ("0.weight", "encoder.bias"), so parameters saved as safetensors
 * load into the equivalent torch module.
 *
 * <p>A module says nothing about its inputs: a {@link Layer} maps one tensor to one (EBLearn's module_1_1), an
 * energy maps (X, Y) to E (module_2_1, in {@code ebl4j-energy}).
 */
public abstract class Module {
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Registers a trainable parameter (marked requiresGrad) and returns it. */
    protected final Tensor parameter(String name, Tensor value) {
        checkName(name);
        value.requiresGrad(true);
        params.put(name, value);
        return value;
    }

    /** Registers non-trainable state that is saved with the parameters (e.g. running statistics). */
    protected final Tensor buffer(String name, Tensor value) {
        checkName(name);
        buffers.put(name, value);
        return value;
    }

    /** Registers a child module under {@code name} and returns it. */
    protected final <M extends Module> M child(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".") || params.containsKey(name) || buffers.containsKey(name)
                || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": bad or duplicate member name '" + name
                    + "'");
        }
    }

    /** All trainable parameters of this module and its descendants, in registration order. */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Trainable parameters by dotted name. */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, false);
        return out;
    }

    /** Parameters and buffers by dotted name: what is saved and loaded. */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true);
        return Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, Map<String, Tensor> out, boolean withBuffers) {
        params.forEach((n, t) -> out.put(prefix + n, t));
        if (withBuffers) {
            buffers.forEach((n, t) -> out.put(prefix + n, t));
        }
        children.forEach((n, m) -> m.collect(prefix + n + ".", out, withBuffers));
    }

    /** Direct children by name. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Copies values from {@code state} into this module's parameters and buffers (shapes must match, all keys). */
    public final void loadStateDict(Map<String, Tensor> state) {
        Map<String, Tensor> mine = stateDict();
        for (String k : mine.keySet()) {
            if (!state.containsKey(k)) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: missing tensor '" + k
                        + "' (have " + state.keySet() + ")");
            }
        }
        for (String k : state.keySet()) {
            if (!mine.containsKey(k)) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: unexpected tensor '"
                        + k + "' (expected " + mine.keySet() + ")");
            }
        }
        mine.forEach((k, t) -> {
            Tensor src = state.get(k);
            if (!java.util.Arrays.equals(t.shape(), src.shape())) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: tensor '" + k
                        + "' has shape " + org.ebl4j.tensor.Shape.str(src.shape()) + ", expected "
                        + org.ebl4j.tensor.Shape.str(t.shape()));
            }
        });
        mine.forEach((k, t) -> t.copyFrom(state.get(k)));
    }

    /** Training mode (the default) or evaluation mode, for this module and all descendants. */
    public Module train(boolean on) {
        training = on;
        children.values().forEach(m -> m.train(on));
        return this;
    }

    public final Module eval() {
        return train(false);
    }

    public final boolean isTraining() {
        return training;
    }

    /** Clears the gradients of all parameters. */
    public final void zeroGrad() {
        for (Tensor p : parameters()) {
            p.zeroGrad();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
