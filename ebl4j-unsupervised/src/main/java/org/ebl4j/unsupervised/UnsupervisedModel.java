package org.ebl4j.unsupervised;

import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;

/**
 * An unsupervised energy-based model: an energy E(W, Y) over data points Y alone, low on the data manifold and
 * high elsewhere, shaped by one of the seven strategies of LeCun's lecture "Energy-Based Unsupervised Learning"
 * (constant volume of low energy, maximum likelihood, pushing up chosen points, score matching, denoising,
 * sparsity, contraction).
 *
 * <p>As an {@link Energy} it has no input X: {@code energy(null, y)} (or {@link #energy(Tensor)}) is E(W, Y) per
 * row of y [N, ...], so every sampler, inference procedure and figure of the framework applies. Models with a
 * latent code Z define E(W, Y) = min_Z E(W, Y, Z) and return Z* from {@link #transform}; models that marginalise
 * Z implement {@link FreeEnergyModel}.
 */
public abstract class UnsupervisedModel extends Energy {
    /** E(W, Y) for each row of {@code y}: [N]. */
    public final Tensor energy(Tensor y) {
        return energy(null, y);
    }

    /** Fits the parameters to the rows of {@code data} [N, ...]; returns this model. */
    public abstract UnsupervisedModel fit(Tensor data);

    /** The code of each row of {@code data}: the latent Z* (or the model's representation), [N, k]. */
    public abstract Tensor transform(Tensor data);
}
