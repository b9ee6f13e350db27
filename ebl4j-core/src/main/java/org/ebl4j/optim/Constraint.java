package org.ebl4j.optim;

import org.ebl4j.tensor.Tensor;

/**
 * A projection onto a feasible set C applied to a parameter after each optimiser step (projected gradient descent:
 * W ← Π_C(W − η∇L)). Examples: unit-norm dictionary atoms in sparse coding ({@link UnitNormColumns}),
 * non-negative weights ({@link NonNegative}). Register with {@link Optimizer#addConstraint(Tensor, Constraint)}.
 */
@FunctionalInterface
public interface Constraint {
    /** Replaces the values of {@code param} in place by their projection onto the feasible set. */
    void project(Tensor param);
}
