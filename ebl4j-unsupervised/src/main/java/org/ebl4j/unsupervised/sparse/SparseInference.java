package org.ebl4j.unsupervised.sparse;

import org.ebl4j.tensor.Tensor;

/**
 * Inference in sparse coding: Z* = argmin_Z ½‖Y − W Z‖² + λ|Z|₁ for every row of Y (the "hard" Y → Z direction of a
 * generative model, LeCun's lecture). Implementations: {@link Ista}, {@link Fista}, {@link CoordinateDescent}, and
 * the trained fixed-cost approximations {@link Lista} and {@link Lcod} ({@link UnrolledSparseEncoder}).
 */
public interface SparseInference {
    /**
     * Minimises {@code energy} over the codes of the rows of {@code y} [N, inputDim], from {@code zStart}
     * [N, atoms] (a warm start; null starts from Z = 0). Records no autodiff graph.
     *
     * @throws IllegalArgumentException when y or zStart does not fit the energy's dictionary
     */
    SparseCode infer(SparseCodingEnergy energy, Tensor y, Tensor zStart);
}
