package org.ebl4j.energy.loss;

import org.ebl4j.tensor.Tensor;

/**
 * The LVQ2 loss, L = min(M, max(0, E(W, Y^i, X^i) − E(W, Ȳ^i, X^i))) (LeCun et al. 2006, Table 1; Kohonen,
 * Oja; Driancourt and Bottou 1991): linear in the energy gap while the most offending incorrect answer is below
 * the correct one, saturating at M, and zero (with zero margin) once the correct answer is lowest.
 *
 * <p>This is the form of Table 1. The tutorial's text also writes a normalised variant,
 * min(1, max(0, (E⁺ − Ē)/(δĒ))); dividing by Ē needs energies that are positive everywhere, whereas the Table 1
 * form is defined for energies of any sign, such as the raw network outputs of the multiclass architecture. For a
 * fixed Ē &gt; 0 the two have the same shape (the normalised one is the Table 1 form with M = δĒ, scaled by
 * 1/(δĒ)).
 */
public final class Lvq2Loss extends GeneralizedMarginLoss {
    private final float saturation;

    /** Saturation M &gt; 0, discrete answers. */
    public Lvq2Loss(float saturation) {
        this(saturation, MostOffendingIncorrectAnswer.discrete());
    }

    public Lvq2Loss(float saturation, OffendingAnswer selector) {
        super(selector);
        this.saturation = HyperParameters.positive("Lvq2Loss", "saturation M", saturation);
    }

    @Override
    public Tensor perSample(Tensor correct, Tensor incorrect) {
        return correct.sub(incorrect).clamp(0f, saturation);
    }

    public float saturation() {
        return saturation;
    }

    @Override
    public String name() {
        return "lvq2";
    }
}
