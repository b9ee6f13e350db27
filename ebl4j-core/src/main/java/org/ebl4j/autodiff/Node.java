package org.ebl4j.autodiff;

import org.ebl4j.tensor.Tensor;

/**
 * One recorded operation of the define-by-run graph: the inputs it read and how to map the gradient of its output
 * to gradients of those inputs (the vector-Jacobian product). Backward rules are written with differentiable tensor
 * operations, so running them with graph recording on gives higher-order derivatives.
 */
public final class Node {
    /** Vector-Jacobian product: given dL/d(output), returns dL/d(input_i) for each input (null where none). */
    @FunctionalInterface
    public interface Backward {
        Tensor[] apply(Tensor gradOutput);
    }

    private final String name;
    private final Tensor[] inputs;
    private final Backward backward;

    Node(String name, Tensor[] inputs, Backward backward) {
        this.name = name;
        this.inputs = inputs;
        this.backward = backward;
    }

    /** The operation's name, as it appears in error messages. */
    public String name() {
        return name;
    }

    Tensor[] inputs() {
        return inputs;
    }

    Backward backward() {
        return backward;
    }

    @Override
    public String toString() {
        return "Node(" + name + ")";
    }
}
