package org.ebl4j.energy.loss;

import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;

/**
 * How the negative log-likelihood loss gets the log-partition term of the Gibbs distribution, expressed as the
 * free energy of all answers, F_β(W, X) = −(1/β) log ∫_𝒴 exp(−βE(W, y, X)) dy, so that L_nll = E(W, Y^i, X^i) −
 * F_β(W, X^i). Its gradient ∂F/∂W = E_{y ~ p(y|X)}[∂E(W, y, X)/∂W] pulls up every answer in proportion to its
 * probability (LeCun et al. 2006, §2.2.4). Strategies: {@link ExactLogPartition} (finite Y),
 * {@link QuadratureLogPartition} (a grid of continuous answers), {@link SampledLogPartition} (MCMC samples).
 */
public interface LogPartition {
    /**
     * F_β per sample ([B], differentiable in W) and the answers that were pulled up, or null when every answer of
     * 𝒴 was (exact sum, quadrature grid). {@code y} holds the correct answers [B, ...] (it fixes B, and sampling
     * strategies may start chains there).
     */
    Estimate freeEnergy(Energy energy, Tensor x, Tensor y, float beta);

    /** A free-energy estimate and the answers it pulled up. */
    record Estimate(Tensor freeEnergy, Tensor pulledUp) {
    }
}
