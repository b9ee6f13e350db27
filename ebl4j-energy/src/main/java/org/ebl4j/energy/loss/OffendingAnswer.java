package org.ebl4j.energy.loss;

import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;

/**
 * Chooses the incorrect answer Ȳ^i that a {@link GeneralizedMarginLoss} pulls up, L = Q_m(E(W, Y^i, X^i),
 * E(W, Ȳ^i, X^i)) (LeCun et al. 2006, §2.2.3): the most offending incorrect answer of a discrete or continuous Y
 * ({@link MostOffendingIncorrectAnswer}), or of a structured Y, e.g. the best label sequence other than the correct
 * one found by 2-best Viterbi, or the loss-augmented one of max-margin Markov networks (in
 * {@code org.ebl4j.structured}). The same margin loss (hinge, log, MCE, ...) works with any of them.
 */
public interface OffendingAnswer {
    /** Ȳ^i for each sample, detached (the loss differentiates E(W, Ȳ, X) with respect to W at a fixed Ȳ). */
    Tensor select(Energy energy, Tensor x, Tensor y);

    /**
     * Ȳ^i with the two energies the margin loss compares, recorded for autodiff. By default E⁺ = E(W, Y^i, X^i) and
     * Ē = E(W, Ȳ^i, X^i) from two calls of {@code energy}; a selector overrides this to share work between the
     * search and the energies (one forward pass of a discrete energy gives the energies of all answers), or to
     * compare a loss-augmented energy (Ē = E(W, Ȳ, X) − Δ(Ȳ, Y^i)).
     */
    default Contrast contrast(Energy energy, Tensor x, Tensor y) {
        Tensor offending = select(energy, x, y);
        return new Contrast(energy.energy(x, y), energy.energy(x, offending), offending);
    }

    /** E⁺ and Ē, both [B], and Ȳ (shaped like the answers). */
    record Contrast(Tensor correct, Tensor incorrect, Tensor offending) {
    }
}
