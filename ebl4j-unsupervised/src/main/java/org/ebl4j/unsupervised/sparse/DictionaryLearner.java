package org.ebl4j.unsupervised.sparse;

import org.ebl4j.tensor.Tensor;

/**
 * Learning the dictionary of a {@link SparseCoding} model: min_W Σ_i min_Z ½‖Y_i − W Z‖² + λ|Z|₁ with unit-norm
 * atoms, alternating sparse inference (the model's {@link SparseInference}) with a dictionary update.
 * Implementations: {@link DictionaryLearning} (all the data each step), {@link MiniBatchDictionaryLearning}
 * (online, on mini-batches).
 */
public interface DictionaryLearner {
    /**
     * Updates {@code model}'s dictionary in place from the rows of {@code data} [N, inputDim]; returns the mean
     * objective 1/N Σ_i E(Y_i, Z_i) of each pass over the data, at the codes inferred during that pass.
     *
     * @throws IllegalArgumentException when data does not have shape [N, inputDim]
     */
    double[] learn(SparseCoding model, Tensor data);
}
