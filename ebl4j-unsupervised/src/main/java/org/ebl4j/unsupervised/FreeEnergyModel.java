package org.ebl4j.unsupervised;

import org.ebl4j.tensor.Tensor;

/**
 * A model whose latent code is marginalised rather than minimised: the free energy
 * F(Y) = −log Σ_Z exp(−E(W, Y, Z)) (or ∫ dZ), with p(Y) ∝ exp(−F(Y)) (LeCun et al. 2006, §5; RBMs, Gaussian
 * mixtures).
 */
public interface FreeEnergyModel {
    /** F(W, Y) for each row of {@code y}: [N]. */
    Tensor freeEnergy(Tensor y);
}
