package org.ebl4j.energy.loss;

import org.ebl4j.tensor.Tensor;

/**
 * The square-exponential loss, L = E(W, Y^i, X^i)² + γ·exp(−E(W, Ȳ^i, X^i)) (LeCun et al. 2006, Table 1;
 * Osadchy, Miller and LeCun 2004): pushes the correct answer's energy towards 0 and the most offending incorrect
 * answer's up with an exponentially decaying force, γ &gt; 0. Meant for non-negative energies.
 */
public final class SquareExponentialLoss extends GeneralizedMarginLoss {
    private final float gamma;

    /** γ &gt; 0, discrete answers. */
    public SquareExponentialLoss(float gamma) {
        this(gamma, MostOffendingIncorrectAnswer.discrete());
    }

    public SquareExponentialLoss(float gamma, OffendingAnswer selector) {
        super(selector);
        this.gamma = HyperParameters.positive("SquareExponentialLoss", "gamma", gamma);
    }

    @Override
    public Tensor perSample(Tensor correct, Tensor incorrect) {
        return correct.square().add(incorrect.neg().exp().mul(gamma));
    }

    public float gamma() {
        return gamma;
    }

    @Override
    public String name() {
        return "square-exponential";
    }
}
