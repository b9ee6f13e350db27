package org.ebl4j.energy.sampling;

import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;

/**
 * A Markov chain Monte Carlo sampler of the Gibbs distribution p(Y|X) ∝ exp(−βE(W, Y, X)) at inverse temperature
 * β. One chain per row of {@code yInit}; {@code x} (may be null for an energy with no input) conditions every
 * chain. Implementations: {@link Langevin}, {@link HamiltonianMonteCarlo}. Sampling never changes W and records
 * no graph.
 */
public interface Sampler {
    /** Runs every chain {@code steps} transitions from {@code yInit}; all random draws come from the sampler's Rng. */
    SampleResult sample(Energy energy, Tensor x, Tensor yInit, int steps);
}
