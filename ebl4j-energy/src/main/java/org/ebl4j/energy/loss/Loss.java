package org.ebl4j.energy.loss;

import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;

/**
 * A loss functional L(W) = 1/P Σ_i L(Y^i, E(W, 𝒴, X^i)) (tutorial §2): pushes down the energy of the correct
 * answer Y^i and pulls up the energy of chosen incorrect answers. One class per row of the tutorial's Table 1.
 *
 * <p>{@link #compute} returns the mean loss over the batch as a differentiable scalar (call backward on it to get
 * ∂L/∂W), together with the answers whose energy it pulled up, so figures and tests can show where.
 */
public interface Loss {
    LossOutput compute(Energy energy, Tensor x, Tensor y);

    /** The name used in tables and JSON ("hinge", "square-square", ...). */
    String name();
}
